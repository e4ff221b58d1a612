import { randomUUID } from "node:crypto";
import type { Agent } from "undici";
import type { UserTokenExchange } from "../auth/on-behalf-of.exchange";
import { dispatcherInit, upstreamFetch } from "../http-dispatcher";
import { isTimeoutError } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import type { OnBehalfOf } from "../service-request.types";
import { toAppError } from "../upstream-error.mapper";

export interface PartnerCenterUserClientOptions {
  /** Partner Center REST root (with or without /v1). */
  baseUrl: string;
  scope: string;
  userTokens: UserTokenExchange;
  dispatcher?: Agent;
  timeoutMs: number;
}

export type PartnerCenterOutcome =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number; description: string; retryAfterSeconds?: number };

/**
 * One App+User call to Partner Center: the signed-in agent's token exchanged on their behalf,
 * the documented headers (MS-RequestId reused on a retry of the same operation, a fresh
 * MS-CorrelationId, MS-Contract-Version v1), one attempt (callers own retries).
 */
export class PartnerCenterUserClient {
  private readonly root: string;

  constructor(private readonly options: PartnerCenterUserClientOptions) {
    this.root = options.baseUrl.replace(/\/+$/, "").replace(/\/v1$/i, "");
  }

  async call(method: string, path: string, user: OnBehalfOf, operation: string, extra: { body?: unknown; requestId?: string } = {}): Promise<PartnerCenterOutcome> {
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
      return { ok: false, status: response.status, description: errorDescription(text), retryAfterSeconds: parseRetryAfterSeconds(response.headers.get("retry-after")) };
    }
    const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    try {
      return { ok: true, status: response.status, body: clean === "" ? {} : (JSON.parse(clean) as unknown) };
    } catch {
      throw toAppError({ upstream: "Partner Center", operation }, { kind: "status", status: 502 });
    }
  }

  /** The body of a successful outcome, else the refusal as an AppError (with Retry-After). */
  expectOk(outcome: PartnerCenterOutcome, operation: string): unknown {
    if (outcome.ok) return outcome.body;
    throw toAppError({ upstream: "Partner Center", operation }, { kind: "status", status: outcome.status, retryAfterSeconds: outcome.retryAfterSeconds });
  }
}

/** `description` of Partner Center's error body `{code, description, data, source}`, or `message` of its 429 body. */
export function errorDescription(text: string): string {
  try {
    const body = JSON.parse(text) as { description?: unknown; message?: unknown };
    return String(body.description ?? body.message ?? "");
  } catch {
    return "";
  }
}
