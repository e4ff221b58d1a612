import { AsyncLocalStorage } from "node:async_hooks";
import { type AppError, upstreamUnavailable } from "../errors";
import { onAbort } from "./abort-fan-out";

/**
 * The upstream time budget of one GraphQL request (UPSTREAM_REQUEST_BUDGET_MS): every upstream
 * read the request makes shares it. It is carried with the reads in AsyncLocalStorage, so the
 * ports keep their signatures: the concurrency limiter stops waiting, the per-attempt signal
 * aborts, and the retry loops stop retrying when it is spent.
 */
export class UpstreamDeadline {
  readonly expiresAt: number;
  private abortSignal: AbortSignal | undefined;

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(budgetMs) || budgetMs < 1) throw new Error(`Upstream budget must be a whole number of ms >= 1 (got ${budgetMs})`);
    this.expiresAt = now() + budgetMs;
  }

  remainingMs(): number {
    return Math.max(0, this.expiresAt - this.now());
  }

  get expired(): boolean {
    return this.remainingMs() === 0;
  }

  /** Aborts (with a TimeoutError, like a per-attempt timeout) when the budget is spent. Made on first use. */
  get signal(): AbortSignal {
    this.abortSignal ??= AbortSignal.timeout(Math.max(1, this.remainingMs()));
    return this.abortSignal;
  }

  /** The typed answer for a read that did not finish within the budget (the tenant's fields only). */
  exceeded(): AppError {
    return upstreamUnavailable(`Microsoft did not answer within this request's upstream time budget (${this.budgetMs} ms)`);
  }

  /**
   * Runs `call` with this deadline as the current one and answers `exceeded()` when the budget runs
   * out first, whatever the call is waiting on (a slot, a token, a coalesced read, a hung socket).
   */
  run<T>(call: () => Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(this.exceeded());
    const signal = this.signal;
    return new Promise<T>((resolve, reject) => {
      const forget = onAbort(signal, () => reject(this.exceeded()));
      storage.run(this, call).then(
        (value) => {
          forget();
          resolve(value);
        },
        (error: unknown) => {
          forget();
          reject(error);
        },
      );
    });
  }
}

const storage = new AsyncLocalStorage<UpstreamDeadline>();

/** The deadline of the request this code runs for, if any (background work has none). */
export const currentUpstreamDeadline = (): UpstreamDeadline | undefined => storage.getStore();

/** What is left of the current request's budget; Infinity outside a request. */
export const remainingBudgetMs = (): number => currentUpstreamDeadline()?.remainingMs() ?? Number.POSITIVE_INFINITY;

/** One attempt's signal: its own timeout, cut short by the request's budget. */
export function attemptSignal(timeoutMs: number): AbortSignal {
  const deadline = currentUpstreamDeadline();
  const attempt = AbortSignal.timeout(timeoutMs);
  return deadline === undefined ? attempt : AbortSignal.any([attempt, deadline.signal]);
}
