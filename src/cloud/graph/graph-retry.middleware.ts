import { RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { CloudLogger } from "../cloud-logger";
import { isTransientError } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import { retryDelayMs } from "../retry-policy";
import { remainingBudgetMs } from "../upstream-deadline";

/** The statuses Graph documents as retryable (the SDK's RetryHandler retries the same). */
const RETRY_STATUSES = new Set([429, 503, 504]);

/**
 * The Graph client's retry step, configured by the SDK's RetryHandlerOptions (`delay` in seconds,
 * `maxRetries`, `shouldRetry`; a request may override them with `.middlewareOptions([...])`).
 * It replaces the SDK's RetryHandler because that one adds a fixed exponential backoff of
 * whole seconds on top of `delay`, and does not retry timeouts or network errors. Here: 429 /
 * 503 / 504, timeouts and network errors are retried with the shared jittered backoff; Retry-After
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
    for (let attempt = 0; ; attempt++) {
      let failure: unknown;
      try {
        await next.execute(context);
      } catch (error) {
        failure = error;
      }
      const canRetry = attempt < policy.maxRetries && !isStreamUpload(context);
      if (failure !== undefined) {
        if (!canRetry || !isTransientError(failure)) throw failure;
        // No backoff that outlasts the request's budget: the failure is the answer.
        const delay = retryDelayMs(policy, attempt + 1, undefined, this.random, remainingBudgetMs());
        if (delay === null) throw failure;
        this.logRetry(context, attempt + 1, delay, failure instanceof Error ? failure.name : "error");
        setHeader(context, "Retry-Attempt", String(attempt + 1));
        await this.sleep(delay);
        continue;
      }
      const response = context.response;
      if (!response || !RETRY_STATUSES.has(response.status) || !canRetry) return;
      if (!options.shouldRetry(options.delay, attempt, context.request, context.options, response)) return;
      const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get("Retry-After"));
      const delay = retryDelayMs(policy, attempt + 1, retryAfterSeconds, this.random, remainingBudgetMs());
      if (delay === null) return;
      // Free the connection of the response we are about to replace.
      await response.body?.cancel().catch(() => undefined);
      this.logRetry(context, attempt + 1, delay, `HTTP ${response.status}`);
      setHeader(context, "Retry-Attempt", String(attempt + 1));
      await this.sleep(delay);
    }
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
