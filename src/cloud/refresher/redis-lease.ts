import type { Redis } from "ioredis";

/**
 * One holder among several gateway instances (issue 19: one background refresher for all of
 * them), as a Redis key: `SET key owner NX PX leaseMs` takes it, a compare-and-PEXPIRE script
 * renews it every `leaseMs / 3` while held, a compare-and-DEL script gives it back on stop.
 *
 * An instance that dies stops renewing: its key expires within `leaseMs` and the next standby
 * poll (every `leaseMs / 3`) takes it. A holder that cannot renew (Redis away, or the key gone
 * to someone else) steps down as soon as it can no longer be sure the key is still its own, i.e.
 * before its last renewal runs out, so two holders never run at once while clocks agree.
 */
export interface LeaseEvents {
  /** This instance holds the lease from now on. */
  onAcquired(): void;
  /** This instance no longer holds it (lost, expired or released). */
  onLost(reason: "taken" | "unreachable" | "released"): void;
  onError?(error: unknown): void;
}

const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export class RedisLease {
  private timer: NodeJS.Timeout | undefined;
  private heldSince: number | null = null;
  /** Until when the key is surely ours: the send time of the last successful take or renewal plus leaseMs. */
  private sureUntil = 0;
  private busy = false;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    /** Unique per instance and start (e.g. host, pid and a random suffix). */
    readonly owner: string,
    private readonly leaseMs: number,
    private readonly events: LeaseEvents,
    private readonly now: () => number = Date.now,
  ) {
    if (!(leaseMs >= 300)) throw new RangeError("a lease must last at least 300 ms");
  }

  get held(): boolean {
    return this.heldSince !== null;
  }

  /** Who holds the lease now (any instance), or null; for status pages and tests. */
  async holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.beat(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
    void this.beat();
  }

  /** Stops competing and gives the lease back when held, so a standby takes it at its next poll. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.lose("released");
    try {
      await this.redis.eval(RELEASE, 1, this.key, this.owner);
    } catch (error) {
      this.events.onError?.(error); // it expires on its own within leaseMs
    }
  }

  /** One round: renew when held, try to take it otherwise. Exposed for tests. */
  async beat(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    const sentAt = this.now();
    try {
      if (this.held) {
        const renewed = await this.redis.eval(RENEW, 1, this.key, this.owner, String(this.leaseMs));
        if (this.stopped) return;
        if (renewed === 1) this.sureUntil = sentAt + this.leaseMs;
        else this.lose("taken");
      } else {
        const taken = await this.redis.set(this.key, this.owner, "PX", this.leaseMs, "NX");
        if (this.stopped) {
          if (taken === "OK") await this.redis.eval(RELEASE, 1, this.key, this.owner);
          return;
        }
        if (taken === "OK") {
          this.sureUntil = sentAt + this.leaseMs;
          this.heldSince = sentAt;
          this.events.onAcquired();
        }
      }
    } catch (error) {
      this.events.onError?.(error);
      // One more renewal interval would run past the last sure moment: step down now.
      if (this.held && this.now() + this.leaseMs / 3 >= this.sureUntil) this.lose("unreachable");
    } finally {
      this.busy = false;
    }
  }

  private lose(reason: "taken" | "unreachable" | "released"): void {
    if (!this.held) return;
    this.heldSince = null;
    this.events.onLost(reason);
  }
}
