import type { CommunicationDetails, SupportTicketDetails } from "@azure/arm-support";
import { AppError, ErrorCode } from "../../errors";
import type { CloudLogger } from "../cloud-logger";
import type { ServiceRequestDesk } from "../ports";
import type { FileServiceRequestResult, OnBehalfOf, ServiceRequestDraft, ServiceRequestRecord } from "../service-request.types";
import type { ArmSubscription } from "./arm-subscriptions.page";
import { collect, type AzureSupportClientProvider } from "./azure-support-client.provider";
import { SUPPORT_REQUEST_CONTRIBUTOR, toAzureSupportError } from "./azure-support-error.mapper";
import {
  parseAzureTopicId,
  resourceNameFor,
  toServiceRequestRecord,
  toSupportTicketDetails,
  type AzureSupportContact,
} from "./azure-support.mapper";

export interface AzureSupportDeskOptions {
  clients: AzureSupportClientProvider;
  /** The partner desk as Azure Support's contact (agent names replace the name when known). */
  contact: AzureSupportContact;
  /** Whether CRITICAL may be filed as `highestcriticalimpact` (Premier / Unified contracts only). */
  allowHighestCriticalImpact: boolean;
  /** Customer tenants to search when a ticket number is not known to this process (after a restart). */
  customerTenantIds?: () => Promise<string[]>;
  /**
   * The `x-ms-authorization-auxiliary` value sent when filing (`Bearer <partner-tenant ARM token>`),
   * when configured: Azure documents it for tickets created on behalf of a CSP customer (the
   * primary token from the customer tenant, the auxiliary one from the partner tenant).
   */
  auxiliaryAuthorization?: () => Promise<string>;
  /** How far back `findByReference` looks (default 90 days). */
  referenceLookbackDays?: number;
  logger?: CloudLogger;
  clock?: () => Date;
}

/** Where an Azure support ticket lives: ARM needs the tenant (for the token), the subscription and the name. */
interface TicketLocation {
  tenantId: string;
  subscriptionId: string;
  name: string;
}

const MAX_LISTED = 1000;
export const AUXILIARY_AUTHORIZATION_HEADER = "x-ms-authorization-auxiliary";
/** A full search over every customer's tickets runs at most this often (the status sync asks every few seconds). */
const SEARCH_INTERVAL_MS = 60_000;
const NOTE_SUBJECT = "Update from the partner's support desk";

/**
 * Azure Support (`Microsoft.Support/supportTickets`) as a ServiceRequestDesk. Calls are made with
 * the partner's app credential for the customer's tenant (delegated access plus the Azure role
 * "Support Request Contributor" on the subscription), not on the agent's behalf, so `user` is
 * not used. Ticket and communication names derive from the request ids, so a repeated PUT
 * addresses the same resource; the record id is Azure's support ticket number.
 */
export class AzureSupportDesk implements ServiceRequestDesk {
  private readonly locations = new Map<string, TicketLocation>();
  /** When the customers were last searched for unknown ticket numbers (a miss is not searched again sooner). */
  private lastSearchAt = Number.NEGATIVE_INFINITY;
  private readonly clock: () => Date;

  constructor(private readonly options: AzureSupportDeskOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async file(draft: ServiceRequestDraft, _user: OnBehalfOf): Promise<FileServiceRequestResult> {
    const ids = parseAzureTopicId(draft.supportTopicId);
    if (!ids) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `Support topic ${draft.supportTopicId} is not an Azure problem classification; choose one of supportTopics(product: AZURE)`,
        { field: "input.supportTopicId", permanent: true },
      );
    }
    const tenantId = draft.customerTenantId;
    const subscription = await this.filingSubscription(tenantId);
    const name = resourceNameFor("psg", draft.requestId);
    const operation = `filing an Azure support ticket for customer ${tenantId}`;
    const body = toSupportTicketDetails(draft, ids, this.options.contact, this.options.allowHighestCriticalImpact);
    const client = this.options.clients.client(tenantId, subscription.subscriptionId);
    const auxiliary = await this.call(operation, subscription.subscriptionId, async () => this.options.auxiliaryAuthorization?.());
    const ticket = await this.call(operation, subscription.subscriptionId, () =>
      client.supportTickets.beginCreateAndWait(name, body, {
        abortSignal: this.options.clients.signal(),
        updateIntervalInMs: 500,
        ...(auxiliary === undefined ? {} : { requestOptions: { customHeaders: { [AUXILIARY_AUTHORIZATION_HEADER]: auxiliary } } }),
      }),
    );
    const record = this.remember(ticket, { tenantId, subscriptionId: subscription.subscriptionId, name });
    this.options.logger?.debug({ tenantId, serviceRequestId: record.id }, "Azure support ticket filed");
    return { outcome: "filed", serviceRequest: record };
  }

  async get(serviceRequestId: string, _user: OnBehalfOf): Promise<ServiceRequestRecord> {
    const location = await this.locate(serviceRequestId);
    return this.read(location);
  }

  async addNote(serviceRequestId: string, note: string, requestId: string, _user: OnBehalfOf): Promise<ServiceRequestRecord> {
    const location = await this.locate(serviceRequestId);
    const client = this.options.clients.client(location.tenantId, location.subscriptionId);
    const communication: CommunicationDetails = { subject: NOTE_SUBJECT, body: note, sender: this.options.contact.email };
    await this.call(`adding a communication to Azure support ticket ${serviceRequestId}`, location.subscriptionId, () =>
      client.communications.beginCreateAndWait(location.name, resourceNameFor("psg-note", requestId), communication, {
        abortSignal: this.options.clients.signal(),
        updateIntervalInMs: 500,
      }),
    );
    return this.read(location);
  }

  /** Every ticket of the customer's visible subscriptions (without communications: `get` reads those). */
  async listByCustomer(customerTenantId: string, _user: OnBehalfOf): Promise<ServiceRequestRecord[]> {
    return this.listTickets(customerTenantId);
  }

  async findByReference(customerTenantId: string, reference: string, _user: OnBehalfOf): Promise<ServiceRequestRecord | null> {
    const since = new Date(this.clock().getTime() - (this.options.referenceLookbackDays ?? 90) * 86_400_000);
    const found = (await this.listTickets(customerTenantId, `createdDate ge ${since.toISOString()}`)).find(
      (item) => item.description.includes(reference) || item.title.includes(reference),
    );
    return found ? this.get(found.id, { assertion: "" }) : null;
  }

  private async listTickets(tenantId: string, filter?: string): Promise<ServiceRequestRecord[]> {
    const out: ServiceRequestRecord[] = [];
    for (const subscription of await this.options.clients.listSubscriptions(tenantId)) {
      const client = this.options.clients.client(tenantId, subscription.subscriptionId);
      const tickets = await this.call(`listing the Azure support tickets of customer ${tenantId}`, subscription.subscriptionId, () =>
        collect(client.supportTickets.list({ ...(filter ? { filter } : {}), abortSignal: this.options.clients.signal() }), MAX_LISTED),
      );
      for (const ticket of tickets) {
        if (!ticket.name) continue;
        out.push(this.remember(ticket, { tenantId, subscriptionId: subscription.subscriptionId, name: ticket.name }));
      }
    }
    return out;
  }

  private async read(location: TicketLocation): Promise<ServiceRequestRecord> {
    const client = this.options.clients.client(location.tenantId, location.subscriptionId);
    const operation = `reading Azure support ticket ${location.name}`;
    const [ticket, communications] = await Promise.all([
      this.call(operation, location.subscriptionId, () => client.supportTickets.get(location.name, { abortSignal: this.options.clients.signal() })),
      this.call(operation, location.subscriptionId, () => collect(client.communications.list(location.name, { abortSignal: this.options.clients.signal() }), MAX_LISTED)),
    ]);
    return this.remember(ticket, location, communications);
  }

  private remember(ticket: SupportTicketDetails, location: TicketLocation, communications: readonly CommunicationDetails[] = []): ServiceRequestRecord {
    const record = toServiceRequestRecord(ticket, communications, location.tenantId);
    if (!record) throw new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, "Azure Support API answered with a ticket without a number", {});
    this.locations.set(record.id, location);
    return record;
  }

  /** The ticket's location: known from this process, or found by searching the customers' tickets once. */
  private async locate(serviceRequestId: string): Promise<TicketLocation> {
    const known = this.locations.get(serviceRequestId);
    if (known) return known;
    const now = this.clock().getTime();
    if (now - this.lastSearchAt >= SEARCH_INTERVAL_MS) {
      this.lastSearchAt = now;
      for (const tenantId of (await this.options.customerTenantIds?.()) ?? []) {
        try {
          await this.listTickets(tenantId);
        } catch (error) {
          // A customer without Azure or without the role: not where this ticket lives.
          this.options.logger?.debug({ tenantId, err: error }, "skipped a customer while locating an Azure support ticket");
        }
        const found = this.locations.get(serviceRequestId);
        if (found) return found;
      }
    }
    throw new AppError(ErrorCode.NOT_FOUND, `Azure support ticket ${serviceRequestId} was not found for any customer`, {});
  }

  /** The subscription a new ticket is filed against: the customer's first enabled one. */
  private async filingSubscription(tenantId: string): Promise<ArmSubscription> {
    const enabled = (await this.options.clients.listSubscriptions(tenantId))
      .filter((item) => (item.state ?? "").toLowerCase() === "enabled")
      .sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
    const chosen = enabled[0];
    if (!chosen) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `No enabled Azure subscription of customer ${tenantId} is visible to the partner; it needs the Azure role "${SUPPORT_REQUEST_CONTRIBUTOR}" on the subscription the ticket is about`,
        { reason: "NO_AZURE_SUBSCRIPTION", role: SUPPORT_REQUEST_CONTRIBUTOR, permanent: true },
      );
    }
    return chosen;
  }

  private async call<T>(operation: string, subscriptionId: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toAzureSupportError(error, operation, { subscriptionId });
    }
  }
}
