import { remainingBudgetMs } from "./upstream-deadline";

/** How an upstream client retries: counts and delays come from settings so tests run fast. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). */
  maxRetries: number;
  /** First backoff delay; doubles per attempt, with jitter. */
  baseDelayMs: number;
  /** Longest wait we accept; a longer Retry-After ends the retries so the caller sees it. */
  maxDelayMs: number;
}

/**
 * The wait before retry number `attempt` (1-based): the server's Retry-After when it sent one,
 * else exponential backoff with "equal jitter" (half fixed, half random) capped at maxDelayMs.
 * Returns null when the server asks for longer than maxDelayMs, or when the wait would not end
 * before `remainingMs` (what is left of the request's upstream budget): waiting would hold the
 * caller past its deadline, so the failure is reported at once (with its retryAfterSeconds).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
  remainingMs: number = Number.POSITIVE_INFINITY,
): number | null {
  if (retryAfterSeconds !== undefined) {
    const requested = retryAfterSeconds * 1000;
    return requested > policy.maxDelayMs || requested >= remainingMs ? null : requested;
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const delay = Math.round(exponential / 2 + (exponential / 2) * random());
  return delay >= remainingMs ? null : delay;
}

/** What one upstream attempt ended with: its value, or a failure and whether another attempt may succeed. */
export type AttemptOutcome<T, F> = { ok: true; value: T } | { ok: false; failure: F; retryable: boolean; retryAfterSeconds?: number };

/** Test seams and logging around the waits between attempts. */
export interface RetryHooks<F> {
  /** Jitter source (default Math.random). */
  random?: () => number;
  /** The wait between attempts (default a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait: log it, free the failed response. */
  onRetry?: (attempt: number, delayMs: number, failure: F) => void;
}

const timerSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one retry loop of every upstream (Graph, Partner Center, Azure Resource Manager): runs
 * `attempt` (0-based) until it succeeds, answers a failure not worth retrying, runs out of
 * retries, or the next wait (Retry-After, else jittered backoff) would outlast `maxDelayMs` or
 * the request's upstream budget. Returns the last outcome; the caller maps a failure to its error.
 */
export async function retryUpstream<T, F>(
  policy: RetryPolicy,
  attempt: (attemptNo: number) => Promise<AttemptOutcome<T, F>>,
  hooks: RetryHooks<F> = {},
): Promise<AttemptOutcome<T, F>> {
  for (let attemptNo = 0; ; attemptNo++) {
    const outcome = await attempt(attemptNo);
    if (outcome.ok || !outcome.retryable || attemptNo >= policy.maxRetries) return outcome;
    const delay = retryDelayMs(policy, attemptNo + 1, outcome.retryAfterSeconds, hooks.random, remainingBudgetMs());
    if (delay === null) return outcome;
    hooks.onRetry?.(attemptNo + 1, delay, outcome.failure);
    await (hooks.sleep ?? timerSleep)(delay);
  }
}
