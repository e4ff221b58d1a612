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
