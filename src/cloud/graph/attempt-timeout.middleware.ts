import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { attemptSignal } from "../upstream-deadline";

/**
 * Graph client middleware that gives every attempt its own deadline (AbortSignal.timeout). It sits
 * after the RetryHandler, so a retried request gets a fresh signal rather than the spent one. The
 * signal also aborts when the request's upstream budget is spent (upstream-deadline.ts), which
 * ends the read and releases its concurrency slot.
 */
export class AttemptTimeoutMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    context.options = { ...(context.options ?? {}), signal: attemptSignal(this.timeoutMs) };
    if (!this.next) throw new Error("AttemptTimeoutMiddleware must not be last in the chain");
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
