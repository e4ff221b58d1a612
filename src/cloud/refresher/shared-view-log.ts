import type { Redis } from "ioredis";

/**
 * Which customer tenants any instance's dashboards read recently, in one Redis sorted set
 * (member: tenant id, score: when it was last read), so the instance holding the refresher lease
 * puts tenants viewed on the standbys first too (issue 19). Views are gathered in memory and written
 * at most every `flushEveryMs` in one ZADD (a dashboard read never waits for Redis); entries older
 * than `keepMs` are trimmed at each write, so the set holds at most the tenants viewed in that time.
 */
export class SharedViewLog {
  private readonly pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly keepMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly flushEveryMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A dashboard on this instance read `tenantId` now. */
  note(tenantId: string): void {
    this.pending.set(tenantId.toLowerCase(), this.now());
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushEveryMs);
    this.timer.unref();
  }

  /** Writes the views gathered so far (also on stop). */
  flush(): Promise<void> {
    if (this.pending.size === 0) return this.writing;
    const views = [...this.pending];
    this.pending.clear();
    const members = views.flatMap(([tenant, at]) => [at, tenant]);
    this.writing = this.writing.then(() =>
      this.redis
        .multi()
        .zadd(this.key, ...members)
        .zremrangebyscore(this.key, "-inf", this.now() - this.keepMs)
        .pexpire(this.key, this.keepMs)
        .exec()
        .then(
          () => undefined,
          (error: unknown) => this.onError(error),
        ),
    );
    return this.writing;
  }

  /** Tenants any instance viewed within `keepMs`, with when (for the lease holder's refresher). */
  async recent(): Promise<Map<string, number>> {
    const flat = await this.redis.zrangebyscore(this.key, this.now() - this.keepMs, "+inf", "WITHSCORES");
    const views = new Map<string, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) views.set(flat[i]!, Number(flat[i + 1]));
    return views;
  }

  /** Stops the timer and writes what is pending. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
