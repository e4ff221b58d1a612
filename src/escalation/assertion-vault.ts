import { decodeJwt } from "jose";
import type { Agent } from "../auth/agent";
import type { EscalationStore } from "./escalation.store";

/** Used when a token carries no `exp` (it should): keep it at most this long. */
const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Keeps the access token of the agent who escalated (or answers Microsoft on) a ticket, so the
 * background worker can call Partner Center on their behalf (App+User via on-behalf-of). The
 * token is stored with its own expiry and never written to the audit trail or logs.
 */
export class AssertionVault {
  constructor(
    private readonly store: EscalationStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async remember(ticketId: string, agent: Agent, assertion: string | undefined): Promise<void> {
    // Best effort and before the ticket changes: an unknown or malformed id is refused by the ticket service next.
    if (!assertion || ticketId.length === 0 || ticketId.length > 36) return;
    const now = this.clock();
    let expiresAt = new Date(now.getTime() + FALLBACK_LIFETIME_MS);
    try {
      const exp = decodeJwt(assertion).exp;
      if (typeof exp === "number") expiresAt = new Date(exp * 1000);
    } catch {
      return; // not a JWT: nothing a token endpoint would accept
    }
    await this.store.rememberAssertion(ticketId, agent.id, assertion, expiresAt, now);
  }
}
