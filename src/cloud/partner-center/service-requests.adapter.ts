import type { Agent } from "undici";
import type { UserTokenExchange } from "../auth/on-behalf-of.exchange";
import type { ServiceRequestDesk } from "../ports";
import type { FileServiceRequestResult, OnBehalfOf, ServiceRequestDraft, ServiceRequestRecord } from "../service-request.types";
import { toAppError } from "../upstream-error.mapper";
import type { PartnerCenterCollection } from "./partner-center-types";
import { PartnerCenterUserClient } from "./partner-center-user.client";
import {
  isRetiredCreate,
  mapServiceRequest,
  toNewNoteBody,
  toPartnerCenterServiceRequest,
  type ContactDefaults,
  type NoteAuthorship,
} from "./service-request.mapper";

export interface PartnerCenterServiceRequestsOptions {
  /** Partner Center REST root (no /v1). */
  baseUrl: string;
  scope: string;
  userTokens: UserTokenExchange;
  dispatcher?: Agent;
  timeoutMs: number;
  /** Locale of the filing agent, the `{agent-locale}` of the create call. */
  agentLocale?: string;
  /** E-mail / phone for the primary contact when the agent's own are unknown (the desk's). */
  contactDefaults?: ContactDefaults;
  /** Names the partner's notes may carry as `createdByName` besides the primary contact (a shared desk account). */
  partnerNames?: readonly string[];
  /**
   * How many requests without a description the reference look-up reads one by one (newest
   * first). The customer list example carries no `description`, so the reference can only be
   * found on the request itself.
   */
  referenceLookupLimit?: number;
}

const DEFAULT_REFERENCE_LOOKUP_LIMIT = 20;

/**
 * Partner Center service requests (App+User): create with `MS-RequestId` = the filing's
 * idempotency key, read, list per customer, and PATCH `NewNote`. One attempt per call: the
 * outbox worker owns retries and backoff (Retry-After is reported as `retryAfterSeconds`).
 */
export class PartnerCenterServiceRequestsAdapter implements ServiceRequestDesk {
  private readonly client: PartnerCenterUserClient;

  constructor(private readonly options: PartnerCenterServiceRequestsOptions) {
    this.client = new PartnerCenterUserClient(options);
  }

  async file(draft: ServiceRequestDraft, user: OnBehalfOf): Promise<FileServiceRequestResult> {
    const locale = encodeURIComponent(this.options.agentLocale ?? "en-US");
    const operation = "filing a service request";
    const outcome = await this.client.call("POST", `/v1/servicerequests/${locale}`, user, operation, {
      body: toPartnerCenterServiceRequest(draft, this.options.contactDefaults),
      requestId: draft.requestId,
    });
    if (!outcome.ok && isRetiredCreate(outcome.status, outcome.description)) {
      return { outcome: "unavailable", reason: `Partner Center does not accept service requests through the API (HTTP ${outcome.status}); file it in the portal` };
    }
    const ours: NoteAuthorship = { sentTexts: [draft.description], partnerNames: draft.contact ? [draft.contact.name] : [] };
    return { outcome: "filed", serviceRequest: this.record(this.client.expectOk(outcome, operation), operation, ours) };
  }

  async get(serviceRequestId: string, user: OnBehalfOf): Promise<ServiceRequestRecord> {
    const operation = `reading service request ${serviceRequestId}`;
    const outcome = await this.client.call("GET", `/v1/servicerequests/${encodeURIComponent(serviceRequestId)}`, user, operation);
    return this.record(this.client.expectOk(outcome, operation), operation);
  }

  async addNote(serviceRequestId: string, note: string, requestId: string, user: OnBehalfOf): Promise<ServiceRequestRecord> {
    const operation = `adding a note to service request ${serviceRequestId}`;
    const outcome = await this.client.call("PATCH", `/v1/servicerequests/${encodeURIComponent(serviceRequestId)}`, user, operation, {
      body: toNewNoteBody(note),
      requestId,
    });
    return this.record(this.client.expectOk(outcome, operation), operation, { sentTexts: [note] });
  }

  async listByCustomer(customerTenantId: string, user: OnBehalfOf): Promise<ServiceRequestRecord[]> {
    const operation = `listing service requests of customer ${customerTenantId}`;
    const outcome = await this.client.call("GET", `/v1/customers/${encodeURIComponent(customerTenantId)}/servicerequests`, user, operation);
    const collection = this.client.expectOk(outcome, operation) as PartnerCenterCollection<unknown>;
    const items = Array.isArray(collection.items) ? collection.items : [];
    return items.map((item) => mapServiceRequest(item, this.authorship())).filter((item): item is ServiceRequestRecord => item !== null);
  }

  /**
   * The customer's request that carries `reference` in its title or description. List items may
   * come without a description (Microsoft's list example has none), so those are read by id,
   * newest first, up to `referenceLookupLimit`: a request Microsoft created before a crash is
   * found instead of being filed again.
   */
  async findByReference(customerTenantId: string, reference: string, user: OnBehalfOf): Promise<ServiceRequestRecord | null> {
    const carries = (item: ServiceRequestRecord) => item.description.includes(reference) || item.title.includes(reference);
    const all = await this.listByCustomer(customerTenantId, user);
    const listed = all.find(carries);
    if (listed) return listed;
    const unread = all
      .filter((item) => item.description === "")
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
      .slice(0, this.options.referenceLookupLimit ?? DEFAULT_REFERENCE_LOOKUP_LIMIT);
    for (const item of unread) {
      const detailed = await this.get(item.id, user);
      if (carries(detailed)) return detailed;
    }
    return null;
  }

  private authorship(extra: NoteAuthorship = {}): NoteAuthorship {
    return { sentTexts: extra.sentTexts ?? [], partnerNames: [...(this.options.partnerNames ?? []), ...(extra.partnerNames ?? [])] };
  }

  private record(body: unknown, operation: string, ours: NoteAuthorship = {}): ServiceRequestRecord {
    const record = mapServiceRequest(body, this.authorship(ours));
    if (!record) throw toAppError({ upstream: "Partner Center", operation: `${operation} (the answer has no service request id)` }, { kind: "status", status: 502 });
    return record;
  }
}
