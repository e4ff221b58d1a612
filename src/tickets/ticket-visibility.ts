import type { AgentRole } from "../auth/agent";
import { seesEveryCustomer } from "../auth/customer-scope";
import { forbidden } from "../errors";
import type { TicketListFilter } from "./ticket-store.types";

/** Where the customers with usable delegated access come from (CustomerReads, memoised per request). */
export interface UsableCustomerSource {
  usableCustomerIds(): Promise<readonly string[]>;
}

/** A subscription's re-check of one customer's access within LIVE_ACCESS_TTL_MS (LiveAccessCheck). */
export interface LiveCustomerAccess {
  hasUsableAccess(customerId: string): Promise<boolean>;
}

/**
 * The one rule for whose tickets a caller sees (CONTRACT.md "Auth"): a support lead audits every
 * customer, including those whose delegated access has ended; everyone else sees the customers
 * the partner still holds usable delegated access to. On a live subscription that access is
 * re-read within its TTL instead of once per request.
 */
export class TicketVisibility {
  constructor(
    private readonly role: AgentRole,
    private readonly reads: UsableCustomerSource,
    private readonly live?: LiveCustomerAccess,
  ) {}

  /** The customers the caller may see, or null for every customer. */
  async visibleCustomers(): Promise<ReadonlySet<string> | null> {
    return seesEveryCustomer(this.role) ? null : new Set(await this.reads.usableCustomerIds());
  }

  async maySee(customerId: string): Promise<boolean> {
    if (seesEveryCustomer(this.role)) return true;
    if (this.live) return this.live.hasUsableAccess(customerId);
    return (await this.reads.usableCustomerIds()).includes(customerId);
  }

  /** Throws FORBIDDEN where the caller may not see this customer's tickets. */
  async require(customerId: string): Promise<void> {
    if (!(await this.maySee(customerId))) throw forbidden("The partner has no active delegated admin access to this customer", { customerId });
  }

  /** The filter narrowed to the visible customers (a requested customer outside them matches nothing). */
  async narrow<F extends TicketListFilter>(filter: F): Promise<F> {
    const visible = await this.visibleCustomers();
    if (!visible) return filter;
    const requested = filter.customerIds ?? [...visible];
    return { ...filter, customerIds: requested.filter((id) => visible.has(id)) };
  }
}
