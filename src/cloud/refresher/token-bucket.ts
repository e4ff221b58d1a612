/**
 * A token bucket: `capacity` tokens, refilled at `perMs` tokens a millisecond. Pacing under a
 * documented limit of N requests per window W is a bucket of capacity N (or less) refilled at N/W.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    private readonly perMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(capacity >= 1) || !(perMs > 0)) throw new RangeError("a token bucket needs capacity >= 1 and a positive refill rate");
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** A bucket paced at `limit` per `windowMs` (capacity `burst`, default the whole limit). */
  static perWindow(limit: number, windowMs: number, now: () => number = Date.now, burst = limit): TokenBucket {
    return new TokenBucket(Math.max(1, Math.min(burst, limit)), limit / windowMs, now);
  }

  /** Takes one token when one is there. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0 = now). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  private refill(): void {
    const at = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (at - this.updatedAt) * this.perMs);
    this.updatedAt = at;
  }
}

/** Several buckets that must all have a token (e.g. a per-minute and a per-hour limit). */
export function tryTakeAll(buckets: readonly TokenBucket[]): boolean {
  if (buckets.some((bucket) => bucket.waitMs() > 0)) return false;
  for (const bucket of buckets) bucket.tryTake();
  return true;
}
