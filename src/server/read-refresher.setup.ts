import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Redis } from "ioredis";
import type { MicrosoftCloudHandle } from "../cloud/microsoft-cloud.factory";
import { DEFAULT_REFRESHER_PACING, ReadRefresher } from "../cloud/refresher/read-refresher";
import { RedisLease } from "../cloud/refresher/redis-lease";
import { SharedViewLog } from "../cloud/refresher/shared-view-log";
import { withViewTracking } from "../cloud/refresher/view-tracking";
import type { Config } from "../config";
import type { GatewayMetrics } from "../metrics/gateway-metrics";
import type { TicketStore } from "../tickets/ticket.store";
import type { ReadinessCheck } from "./readiness";
import { OPEN_TICKET_STATES } from "../tickets/ticket-state";

/** Open tickets whose customers are refreshed first, at most. */
const MAX_PRIORITY_TICKETS = 500;
/** How long a viewed tenant stays first in the refresher's line. */
const RECENT_VIEW_MS = 600_000;

/**
 * The background refresher (REFRESHER_ENABLED) over the cloud's read cache, with its gauges in
 * /metrics and a non-required /ready check. Returns the cloud with view tracking (reads put their
 * tenant first) and the refresher, or the cloud unchanged when there is no cache or it is off.
 *
 * With a shared read cache (`lease` given: several instances on one Redis) the refresher runs only
 * while this instance holds the lease (issue 19), so N instances make the upstream calls of one;
 * the others serve the holder's reads from Redis and take over within REFRESHER_LEASE_MS when it
 * stops or dies.
 */
export function setUpReadRefresher(
  cloud: MicrosoftCloudHandle,
  config: Config,
  deps: {
    ticketStore: TicketStore;
    metrics: GatewayMetrics;
    readinessChecks: ReadinessCheck[];
    onError: (key: string, error: unknown) => void;
    lease?: { redis: Redis; key: string; onChange?: (event: string, details: Record<string, unknown>) => void };
  },
): { cloud: MicrosoftCloudHandle; refresher: ReadRefresher | null; lease: RedisLease | null; views: SharedViewLog | null } {
  if (!config.refresher.enabled || !cloud.readCache || !cloud.readCachePolicies) return { cloud, refresher: null, lease: null, views: null };
  // Several instances: every instance's views reach the lease holder's refresher through Redis.
  const views = deps.lease ? new SharedViewLog(deps.lease.redis, `${deps.lease.key}:viewed`, RECENT_VIEW_MS, (error) => deps.onError("refresher-views", error)) : null;
  const refresher = new ReadRefresher({
    upstream: cloud.uncached,
    cache: cloud.readCache,
    policies: cloud.readCachePolicies,
    pacing: { ...DEFAULT_REFRESHER_PACING, callsPerMinute: config.refresher.callsPerMinute, maxInFlight: config.refresher.concurrency },
    refreshAtFraction: config.refresher.refreshAtPercent / 100,
    openTicketTenants: async () => {
      const page = await deps.ticketStore.listTickets({ states: OPEN_TICKET_STATES }, { first: MAX_PRIORITY_TICKETS });
      return page.items.map((item) => item.node.customerId);
    },
    recentViewMs: RECENT_VIEW_MS,
    ...(views ? { viewedElsewhere: () => views.recent() } : {}),
    onError: deps.onError,
  });
  let lease: RedisLease | null = null;
  if (deps.lease) {
    const { onChange } = deps.lease;
    const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    lease = new RedisLease(deps.lease.redis, deps.lease.key, owner, config.refresher.leaseMs, {
      onAcquired: () => {
        onChange?.("refresher lease taken: this instance refreshes for all", { owner });
        refresher.start();
      },
      onLost: (reason) => {
        refresher.stop();
        onChange?.("refresher lease given up: another instance refreshes", { owner, reason });
      },
      onError: (error) => deps.onError("refresher-lease", error),
    });
  }
  const heldLease = lease;
  deps.metrics.observeRefresher(() => refresher.status(), heldLease ? () => heldLease.held : undefined);
  deps.readinessChecks.push({
    name: "refresher",
    required: false,
    check: async () => {
      const status = refresher.status();
      const role = heldLease === null ? "only" : heldLease.held ? "lease holder" : "standby";
      if (status.running && status.tenants > 0 && status.covered < status.tenants && status.firstPassMs !== null) {
        throw new Error(`${status.tenants - status.covered} of ${status.tenants} tenants are past their TTL`);
      }
      return { ...status, role };
    },
  });
  if (lease) lease.start();
  else refresher.start();
  const onView = (tenantId: string) => {
    refresher.noteViewed(tenantId);
    views?.note(tenantId);
  };
  return { cloud: withViewTracking(cloud, onView), refresher, lease, views };
}
