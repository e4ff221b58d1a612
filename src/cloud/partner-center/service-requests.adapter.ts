import { randomUUID } from "node:crypto";
import type { Agent } from "undici";
import { dispatcherInit, upstreamFetch } from "../http-dispatcher";
import { isTimeoutError } from "../is-transient-error";
import type { UserTokenExchange } from "../auth/on-behalf-of.exchange";
import type { ServiceRequestDesk } from "../ports";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import type { FileServiceRequestResult, OnBehalfOf, ServiceRequestDraft, ServiceRequestRecord } from "../service-request.types";
import { toAppError } from "../upstream-error.mapper";
import type { PartnerCenterCollection } from "./partner-center-types";
import {
  isRetiredCreate,
  mapServiceRequest,
  toPartnerCenterServiceRequest,
  type PartnerCenterServiceRequest,
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
}

type Outcome = { ok: true; status: number; body: unknown } | { ok: false; status: number; description: string; retryAfterSeconds?: number };

/**
 * Partner Center service requests (App+User): create with `MS-RequestId` = the filing's
 * idempotency key, read, list per customer, and PATCH `NewNote`. One attempt per call: the
 * outbox worker owns retries and backoff (Retry-After is reported as `retryAfterSeconds`).
 */
export class PartnerCenterServiceRequestsAdapter implements ServiceRequestDesk {
  private readonly root: string;

  constructor(private readonly options: PartnerCenterServiceRequestsOptions) {
    this.root = options.baseUrl.replace(/\/+$/, "").replace(/\/v1$/i, "");
  }

  async file(draft: ServiceRequestDraft, user: OnBehalfOf): Promise<FileServiceRequestResult> {
    const locale = encodeURIComponent(this.options.agentLocale ?? "en-US");
    const outcome = await this.call("POST", `/v1/servicerequests/${locale}`, user, "filing a service request", {
      body: toPartnerCenterServiceRequest(draft),
      requestId: draft.requestId,
    });
    if (!outcome.ok && isRetiredCreate(outcome.status, outcome.description)) {
      return { outcome: "unavailable", reason: `Partner Center does not accept service requests through the API (HTTP ${outcome.status}); file it in the portal` };
    }
    return { outcome: "filed", serviceRequest: this.record(this.expectOk(outcome, "filing a service request")) };
  }

  async get(serviceRequestId: string, user: OnBehalfOf): Promise<ServiceRequestRecord> {
    const outcome = await this.call("GET", `/v1/servicerequests/${encodeURIComponent(serviceRequestId)}`, user, `reading service request ${serviceRequestId}`);
    return this.record(this.expectOk(outcome, `reading service request ${serviceRequestId}`));
  }

  async addNote(serviceRequestId: string, note: string, requestId: string, user: OnBehalfOf): Promise<ServiceRequestRecord> {
    const operation = `adding a note to service request ${serviceRequestId}`;
    const outcome = await this.call("PATCH", `/v1/servicerequests/${encodeURIComponent(serviceRequestId)}`, user, operation, {
      body: { NewNote: { Text: note } },
      requestId,
    });
    return this.record(this.expectOk(outcome, operation));
  }

  async listByCustomer(customerTenantId: string, user: OnBehalfOf): Promise<ServiceRequestRecord[]> {
    const operation = `listing service requests of customer ${customerTenantId}`;
    const outcome = await this.call("GET", `/v1/customers/${encodeURIComponent(customerTenantId)}/servicerequests`, user, operation);
    const collection = this.expectOk(outcome, operation) as PartnerCenterCollection<PartnerCenterServiceRequest>;
    return (collection.items ?? []).map(mapServiceRequest).filter((item): item is ServiceRequestRecord => item !== null);
  }

  async findByReference(customerTenantId: string, reference: string, user: OnBehalfOf): Promise<ServiceRequestRecord | null> {
    const all = await this.listByCustomer(customerTenantId, user);
    return all.find((item) => item.description.includes(reference) || item.title.includes(reference)) ?? null;
  }

  private record(body: unknown): ServiceRequestRecord {
    const record = mapServiceRequest(body as PartnerCenterServiceRequest);
    if (!record) throw toAppError({ upstream: "Partner Center", operation: "reading a service request" }, { kind: "status", status: 502 });
    return record;
  }

  private expectOk(outcome: Outcome, operation: string): unknown {
    if (outcome.ok) return outcome.body;
    throw toAppError({ upstream: "Partner Center", operation }, { kind: "status", status: outcome.status, retryAfterSeconds: outcome.retryAfterSeconds });
  }

  private async call(
    method: string,
    path: string,
    user: OnBehalfOf,
    operation: string,
    extra: { body?: unknown; requestId?: string } = {},
  ): Promise<Outcome> {
    const token = await this.options.userTokens.getToken(user.assertion, this.options.scope);
    let response: Response;
    try {
      response = await upstreamFetch(`${this.root}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          ...(extra.body === undefined ? {} : { "Content-Type": "application/json" }),
          "MS-RequestId": extra.requestId ?? randomUUID(),
          "MS-CorrelationId": randomUUID(),
          "MS-Contract-Version": "v1",
        },
        body: extra.body === undefined ? undefined : JSON.stringify(extra.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        ...dispatcherInit(this.options.dispatcher),
      });
    } catch (error) {
      throw toAppError({ upstream: "Partner Center", operation }, { kind: isTimeoutError(error) ? "timeout" : "network" }, error);
    }
    const text = await response.text().catch(() => "");
    if (!response.ok) {
      // Only the description is kept (to recognise "not supported"); bodies are never logged.
      let description = "";
      try {
        description = String((JSON.parse(text) as { description?: unknown }).description ?? "");
      } catch {
        // not JSON
      }
      return { ok: false, status: response.status, description, retryAfterSeconds: parseRetryAfterSeconds(response.headers.get("retry-after")) };
    }
    const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    return { ok: true, status: response.status, body: clean === "" ? {} : (JSON.parse(clean) as unknown) };
  }
}
