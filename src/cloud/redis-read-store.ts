import type { Redis } from "ioredis";
import { decodeSharedEntry, encodeSharedEntry } from "./shared-entry.codec";
import type { SharedEntry, SharedReadStore, SharedReadStoreStatus } from "./shared-read-store";

/** The slice of a pino logger the store uses. */
export interface SharedStoreLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * The shared read cache in Redis: one string key per cache key (`<namespace><resource>|<tenant>`),
 * expiring with the entry's stale window (PX), so Redis itself forgets what no instance may serve.
 *
 * The client must fail fast while Redis is away (`enableOfflineQueue: false`, a short
 * `commandTimeout`): every lookup then answers "nothing there" and the in-memory cache and upstream
 * serve the read. The first failure of an outage is logged as a warning and the recovery as info;
 * `status().up` and the error count go to /metrics.
 */
export class RedisReadStore implements SharedReadStore {
  private up: boolean;
  private outage = false;
  private readonly counts = { hits: 0, misses: 0, writes: 0, errors: 0 };

  constructor(
    private readonly redis: Redis,
    /** Prefix of every key, naming the partner so two partners on one Redis never meet. */
    private readonly namespace: string,
    private readonly log?: SharedStoreLogger,
    private readonly now: () => number = Date.now,
  ) {
    this.up = redis.status === "ready";
    redis.on("ready", () => this.recovered());
  }

  async get(key: string): Promise<SharedEntry | undefined> {
    try {
      const text = await this.redis.get(this.namespace + key);
      this.recovered();
      const entry = text === null ? undefined : decodeSharedEntry(text);
      if (entry === undefined) this.counts.misses += 1;
      else this.counts.hits += 1;
      return entry;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  async set(key: string, entry: SharedEntry): Promise<void> {
    const ttlMs = Math.ceil(entry.staleUntil - this.now());
    if (ttlMs <= 0) return;
    try {
      await this.redis.set(this.namespace + key, encodeSharedEntry(entry), "PX", ttlMs);
      this.counts.writes += 1;
      this.recovered();
    } catch (error) {
      this.failed(error);
    }
  }

  async invalidate(keyOrPrefix: string): Promise<void> {
    try {
      // The exact key first, on the same connection as later reads: a read sent after this sees it gone.
      await this.redis.del(this.namespace + keyOrPrefix);
      let cursor = "0";
      do {
        const [next, keys] = await this.redis.scan(cursor, "MATCH", `${escapeGlob(this.namespace + keyOrPrefix)}|*`, "COUNT", 500);
        if (keys.length > 0) await this.redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
    } catch (error) {
      this.failed(error);
    }
  }

  status(): SharedReadStoreStatus {
    return { up: this.up && this.redis.status === "ready", ...this.counts };
  }

  private failed(error: unknown): void {
    this.counts.errors += 1;
    if (this.outage) return;
    this.up = false;
    this.outage = true;
    this.log?.warn({ err: error }, "shared read cache (redis) unavailable: reads are served from the in-memory cache and upstream");
  }

  private recovered(): void {
    if (this.up) return;
    this.up = true;
    // The first connection at start is not a recovery: only an outage a read or write met is.
    if (this.outage) this.log?.info({}, "shared read cache (redis) available again");
    this.outage = false;
  }
}

/** Redis glob patterns treat `*?[]\` as special; tenant ids and resources never carry them, prefixes might. */
const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
