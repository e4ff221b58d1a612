import { randomUUID } from "node:crypto";
import type { TokenCredential } from "@azure/identity";
import type { Agent } from "undici";
import { isAppError, type AppError } from "../../errors";
import type { CloudLogger } from "../cloud-logger";
import { dispatcherInit, upstreamFetch } from "../http-dispatcher";
import { isTimeoutError, isTransientStatus } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import { retryUpstream, type AttemptOutcome, type RetryPolicy } from "../retry-policy";
import { toAppError, type UpstreamFailure } from "../upstream-error.mapper";
import { attemptSignal } from "../upstream-deadline";
import type { PartnerCenterCollection, PartnerCenterLink } from "./partner-center-types";

/** How the Partner Center client reaches and authenticates to Partner Center. */
export interface PartnerCenterClientOptions {
  /** Partner Center REST root, with or without /v1 (e.g. https://api.partnercenter.microsoft.com). */
  baseUrl: string;
  credential: TokenCredential;
  /** Partner Center calls use partner-tenant tokens. */
  partnerTenantId: string;
  /** e.g. https://api.partnercenter.microsoft.com/.default */
  scope: string;
  dispatcher?: Agent;
  timeoutMs: number;
  retry: RetryPolicy;
  logger?: CloudLogger;
  /** For tests: the jitter source and the wait between attempts. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Per logical operation: what the request is for (error messages) and the MS-CorrelationId. */
export interface PartnerCenterCall {
  operation: string;
  correlationId?: string;
  /** Extra request headers (e.g. MS-ContinuationToken from a next link). */
  headers?: Record<string, string>;
}

/** Safety stop for a `links.next` that never ends. */
const MAX_PAGES = 1000;

/**
 * A thin client for Partner Center REST over global fetch: partner-tenant bearer token, the
 * headers Partner Center expects (`MS-RequestId` new per logical request and the same on its
 * retries, `MS-CorrelationId`, `MS-Contract-Version: v1`), a timeout per attempt, and retries on
 * 429, 5xx, timeouts and network errors with jittered exponential backoff honouring Retry-After.
 */
export class PartnerCenterClient {
  private readonly origin: string;
  private readonly basePath: string;

  constructor(private readonly options: PartnerCenterClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    // Paths below are written with /v1; a base URL that already ends in /v1 must not double it.
    this.basePath = base.pathname.replace(/\/+$/, "").replace(/\/v1$/i, "");
  }

  /** GET one resource, e.g. `getJson("/v1/customers/{id}")`. */
  async getJson<T>(path: string, call: PartnerCenterCall): Promise<T> {
    return this.send<T>(this.resolve(path), { ...call, correlationId: call.correlationId ?? randomUUID() });
  }

  /**
   * GET a collection and every following page (`links.next.uri`, sending the link's headers such
   * as MS-ContinuationToken), returning all items in order. One correlation id spans the pages.
   */
  async getAllItems<T>(path: string, call: PartnerCenterCall): Promise<T[]> {
    const correlationId = call.correlationId ?? randomUUID();
    const items: T[] = [];
    let url = this.resolve(path);
    let headers = call.headers;
    for (let page = 1; ; page++) {
      const collection = await this.send<PartnerCenterCollection<T>>(url, { ...call, correlationId, headers });
      items.push(...(collection.items ?? []));
      const next = collection.links?.next;
      if (!next?.uri || page >= MAX_PAGES) return items;
      url = this.resolveNextLink(next.uri);
      headers = linkHeaders(next);
    }
  }

  /** A path like /v1/customers under the base URL. */
  private resolve(path: string): URL {
    const withV1 = /^\/?v1(\/|$)/i.test(path) ? path : `/v1/${path.replace(/^\/+/, "")}`;
    return new URL(`${this.basePath}/${withV1.replace(/^\/+/, "")}`, this.origin);
  }

  /**
   * Next links come as `/v1/customers?…`, `/customers?…` (the SDK adds /v1) or absolute URLs.
   * An absolute link is only followed on our own origin, never sending the token elsewhere.
   */
  private resolveNextLink(uri: string): URL {
    if (/^https?:\/\//i.test(uri)) {
      const absolute = new URL(uri);
      const relative = `${absolute.pathname}${absolute.search}`;
      return absolute.origin === this.origin ? absolute : this.resolve(stripBasePath(relative, this.basePath));
    }
    return this.resolve(stripBasePath(uri, this.basePath));
  }

  private async send<T>(url: URL, call: PartnerCenterCall & { correlationId: string }): Promise<T> {
    const { retry, logger } = this.options;
    const requestId = randomUUID();
    const outcome = await retryUpstream(retry, () => this.attempt(url, requestId, call), {
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      onRetry: (attempt, delayMs, { failure }) =>
        logger?.warn(
          { upstream: "partner-center", path: url.pathname, attempt, delayMs, failure: failure.kind, status: statusOf(failure), requestId },
          "Partner Center request failed; retrying",
        ),
    });
    if (outcome.ok) return outcome.value as T;
    throw toAppError({ upstream: "Partner Center", operation: call.operation }, outcome.failure.failure, outcome.failure.cause);
  }

  private async attempt(
    url: URL,
    requestId: string,
    call: PartnerCenterCall & { correlationId: string },
  ): Promise<AttemptOutcome<unknown, FailedAttempt>> {
    const token = await this.token();
    let response: Response;
    try {
      response = await upstreamFetch(url, {
        method: "GET",
        headers: {
          ...call.headers,
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "MS-RequestId": requestId,
          "MS-CorrelationId": call.correlationId,
          "MS-Contract-Version": "v1",
        },
        signal: attemptSignal(this.options.timeoutMs),
        ...dispatcherInit(this.options.dispatcher),
      });
    } catch (error) {
      return failed({ kind: isTimeoutError(error) ? "timeout" : "network" }, error);
    }
    if (!response.ok) {
      // The body may echo request details; it is neither logged nor surfaced.
      await response.body?.cancel().catch(() => undefined);
      return failed({ kind: "status", status: response.status, retryAfterSeconds: parseRetryAfterSeconds(response.headers.get("retry-after")) });
    }
    try {
      const text = await response.text();
      return { ok: true, value: text === "" ? {} : (JSON.parse(stripBom(text)) as unknown) };
    } catch (error) {
      return failed({ kind: isTimeoutError(error) ? "timeout" : "network" }, error);
    }
  }

  private async token(): Promise<string> {
    try {
      const token = await this.options.credential.getToken([this.options.scope], { tenantId: this.options.partnerTenantId });
      if (!token) throw new Error("No access token was issued");
      return token.token;
    } catch (error) {
      throw tokenFailure(error);
    }
  }
}

function tokenFailure(error: unknown): AppError {
  if (isAppError(error)) return error;
  const describe = { upstream: "Microsoft identity platform", operation: "requesting a Partner Center token" } as const;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status > 0) return toAppError(describe, { kind: "status", status: status === 400 ? 401 : status });
  return toAppError(describe, { kind: isTimeoutError(error) ? "timeout" : "network" }, error);
}

/** A failed attempt: what went wrong and the error behind it (for the log's cause). */
interface FailedAttempt {
  failure: UpstreamFailure;
  cause?: unknown;
}

/** Timeouts, network errors and the shared retry statuses are worth another attempt. */
const failed = (failure: UpstreamFailure, cause?: unknown): AttemptOutcome<never, FailedAttempt> => ({
  ok: false,
  failure: { failure, cause },
  retryable: failure.kind !== "status" || isTransientStatus(failure.status),
  ...(failure.kind === "status" && failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
});

const statusOf = (failure: UpstreamFailure): number | undefined => (failure.kind === "status" ? failure.status : undefined);

/** Partner Center sometimes prefixes JSON with a UTF-8 byte order mark. */
const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

const stripBasePath = (path: string, basePath: string): string =>
  basePath !== "" && path.toLowerCase().startsWith(`${basePath.toLowerCase()}/`) ? path.slice(basePath.length) : path;

function linkHeaders(link: PartnerCenterLink): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of link.headers ?? []) {
    if (header.key && header.value !== undefined) headers[header.key] = header.value;
  }
  return headers;
}
