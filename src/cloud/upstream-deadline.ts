import { AsyncLocalStorage } from "node:async_hooks";
import { setMaxListeners } from "node:events";
import { type AppError, upstreamUnavailable } from "../errors";

/**
 * The upstream time budget of one GraphQL request (UPSTREAM_REQUEST_BUDGET_MS): every upstream
 * read the request makes shares it. It is carried with the reads in AsyncLocalStorage, so the
 * ports keep their signatures: the concurrency limiter stops waiting, the per-attempt signal
 * aborts, and the retry loops stop retrying when it is spent.
 */
export class UpstreamDeadline {
  readonly expiresAt: number;
  private abortSignal: AbortSignal | undefined;
  /** Reads still running under this budget: each is answered `exceeded()` when it runs out. */
  private readonly waiting = new Set<(error: AppError) => void>();

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
    if (this.abortSignal === undefined) {
      this.abortSignal = AbortSignal.timeout(Math.max(1, this.remainingMs()));
      // Each attempt of this request combines it with its own timeout (AbortSignal.any): no leak.
      setMaxListeners(0, this.abortSignal);
      this.abortSignal.addEventListener("abort", () => this.rejectWaiting(), { once: true });
    }
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
    void this.signal; // starts the budget's timer
    return new Promise<T>((resolve, reject) => {
      // One listener on the signal for all of them: a board reads 5,000 tenants under one budget,
      // and a listener each made every addEventListener walk the others (a quarter of its CPU).
      this.waiting.add(reject);
      storage.run(this, call).then(
        (value) => {
          this.waiting.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          reject(error);
        },
      );
    });
  }

  private rejectWaiting(): void {
    const error = this.exceeded();
    for (const reject of this.waiting) reject(error);
    this.waiting.clear();
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
