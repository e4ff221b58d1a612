import { RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { CloudLogger } from "../cloud-logger";
import { isTransientError, isTransientStatus } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import { retryUpstream } from "../retry-policy";

/** Why an attempt failed: it threw, or Graph answered a status worth retrying. */
type GraphFailure = { error: unknown } | { response: Response };

/**
 * The Graph client's retry step, configured by the SDK's RetryHandlerOptions (`delay` in seconds,
 * `maxRetries`, `shouldRetry`; a request may override them with `.middlewareOptions([...])`).
 * It replaces the SDK's RetryHandler because that one adds a fixed exponential backoff of
 * whole seconds on top of `delay`, and does not retry timeouts or network errors. Here the shared
 * loop (retryUpstream) retries the shared statuses (isTransientStatus), timeouts and network
 * errors with the shared jittered backoff; Retry-After
 * is honoured, and one longer than `maxDelayMs` or than what is left of the request's upstream
 * budget ends the retries at once so the caller sees it (RATE_LIMITED with retryAfterSeconds).
 */
export class GraphRetryMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly options: RetryHandlerOptions,
    private readonly maxDelayMs: number,
    private readonly logger?: CloudLogger,
    private readonly random: () => number = Math.random,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error("GraphRetryMiddleware must not be last in the chain");
    const options = this.optionsFor(context);
    const policy = { maxRetries: options.maxRetries, baseDelayMs: options.delay * 1000, maxDelayMs: this.maxDelayMs };
    const canRetry = !isStreamUpload(context);
    const outcome = await retryUpstream<void, GraphFailure>(
      policy,
      async (attempt) => {
        try {
          await next.execute(context);
        } catch (error) {
          return { ok: false, failure: { error }, retryable: canRetry && isTransientError(error) };
        }
        const response = context.response;
        if (!response || !isTransientStatus(response.status) || !canRetry) return { ok: true, value: undefined };
        if (!options.shouldRetry(options.delay, attempt, context.request, context.options, response)) return { ok: true, value: undefined };
        const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get("Retry-After"));
        return { ok: false, failure: { response }, retryable: true, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
      },
      {
        random: this.random,
        sleep: this.sleep,
        onRetry: (attempt, delayMs, failure) => {
          // Free the connection of the response we are about to replace.
          if ("response" in failure) void failure.response.body?.cancel().catch(() => undefined);
          this.logRetry(context, attempt, delayMs, "response" in failure ? `HTTP ${failure.response.status}` : failure.error instanceof Error ? failure.error.name : "error");
          setHeader(context, "Retry-Attempt", String(attempt));
        },
      },
    );
    // A failed response is the answer (the SDK maps it); a thrown failure is rethrown.
    if (!outcome.ok && "error" in outcome.failure) throw outcome.failure.error;
  }

  private logRetry(context: Context, attempt: number, delayMs: number, failure: string): void {
    if (!this.logger) return;
    const url = typeof context.request === "string" ? context.request : context.request.url;
    // Path only: query strings can carry skip tokens.
    this.logger.warn({ upstream: "graph", path: new URL(url).pathname, attempt, delayMs, failure }, "Graph request failed; retrying");
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  private optionsFor(context: Context): RetryHandlerOptions {
    const perRequest = context.middlewareControl?.getMiddlewareOptions(RetryHandlerOptions);
    return perRequest instanceof RetryHandlerOptions ? perRequest : this.options;
  }
}

function isStreamUpload(context: Context): boolean {
  const headers = context.options?.headers;
  const contentType =
    headers instanceof Headers ? headers.get("Content-Type") : (headers as Record<string, string> | undefined)?.["Content-Type"];
  return contentType === "application/octet-stream";
}

function setHeader(context: Context, name: string, value: string): void {
  context.options = context.options ?? {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else context.options.headers = { ...(headers as Record<string, string> | undefined), [name]: value };
}
