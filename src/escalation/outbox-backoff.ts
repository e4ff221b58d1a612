/** How the outbox worker spaces attempts of one job. */
export interface OutboxRetryPolicy {
  /** Attempts in all (the first included) before the job is given up. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles per attempt, with jitter. */
  baseDelayMs: number;
  /** Longest wait between attempts (a longer Retry-After is still honoured: Microsoft asked for it). */
  maxDelayMs: number;
}

/**
 * The wait before the next attempt after `attempts` failed ones: Microsoft's Retry-After when it
 * sent one (never retry earlier than asked), else exponential backoff with equal jitter.
 */
export function nextAttemptDelayMs(
  policy: OutboxRetryPolicy,
  attempts: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0) return Math.ceil(retryAfterSeconds * 1000);
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Whether another attempt is allowed after `attempts` ones. */
export const hasAttemptsLeft = (policy: OutboxRetryPolicy, attempts: number): boolean => attempts < policy.maxAttempts;
