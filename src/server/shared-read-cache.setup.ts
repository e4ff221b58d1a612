import { Redis } from "ioredis";
import type { Logger } from "pino";
import { RedisReadStore } from "../cloud/redis-read-store";
import type { ReadinessCheck } from "./readiness";

/** How long the start waits for Redis before going on with the in-memory cache alone. */
const CONNECT_WAIT_MS = 2_000;
/** A shared-cache lookup slower than this counts as a miss: the read goes upstream instead of waiting. */
const COMMAND_TIMEOUT_MS = 500;

/** The Redis connection behind the shared read cache and the refresher lease (issue 19). */
export interface SharedReadCache {
  redis: Redis;
  store: RedisReadStore;
  /** The refresher lease's key: one per partner on this Redis. */
  leaseKey: string;
  readiness: ReadinessCheck;
  close(): Promise<void>;
}

/**
 * Connects the shared read cache (UPSTREAM_CACHE=on, REDIS_URL, READ_CACHE_SHARED=on). Keys are
 * `<REDIS_CHANNEL_PREFIX>read:<partner tenant>:<resource>|<tenant>`, so two partners (or two test
 * runs with their own prefixes) on one Redis never share entries. Redis down at start or later
 * never stops the gateway: commands fail fast, reads fall back to memory and upstream, /ready
 * reports `shared-read-cache` as failing (not required) and the store logs the outage once.
 */
export async function connectSharedReadCache(options: { url: string; prefix: string; partnerTenantId: string; log: Logger }): Promise<SharedReadCache> {
  const { log } = options;
  const partner = options.partnerTenantId.toLowerCase();
  const redis = new Redis(options.url, {
    connectionName: `${options.prefix}read-cache`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(times * 100, 2_000),
  });
  // Connection errors repeat on every reconnect attempt; the store reports the outage when a read meets it.
  redis.on("error", () => undefined);
  const store = new RedisReadStore(redis, `${options.prefix}read:${partner}:`, log);
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => redis.once("ready", () => resolve(true))),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (ready) log.info({ namespace: `${options.prefix}read:${partner}:` }, "read cache shared through redis");
  else log.warn({}, "redis unavailable at start: the read cache is this instance's own until it connects");
  return {
    redis,
    store,
    leaseKey: `${options.prefix}refresher-lease:${partner}`,
    readiness: {
      name: "shared-read-cache",
      required: false,
      check: async () => {
        await redis.ping();
        return { ...store.status() };
      },
    },
    close: async () => {
      if (redis.status === "end") return;
      let wait: NodeJS.Timeout | undefined;
      const quit = redis.status === "ready" ? redis.quit().then(() => undefined, () => undefined) : Promise.resolve();
      await Promise.race([quit, new Promise<void>((resolve) => (wait = setTimeout(resolve, 1_000)))]);
      clearTimeout(wait);
      redis.disconnect();
    },
  };
}
