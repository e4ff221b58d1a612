import type { MicrosoftCloudHandle } from "../cloud/microsoft-cloud.factory";
import { DEFAULT_REFRESHER_PACING, ReadRefresher } from "../cloud/refresher/read-refresher";
import { withViewTracking } from "../cloud/refresher/view-tracking";
import type { Config } from "../config";
import type { GatewayMetrics } from "../metrics/gateway-metrics";
import type { TicketStore } from "../tickets/ticket.store";
import type { ReadinessCheck } from "./readiness";

/** Ticket states that still need the desk: their customers are refreshed first. */
const OPEN_STATES = ["INTAKE", "DIAGNOSIS", "AWAITING_CUSTOMER", "RESOLUTION", "ESCALATED"];
const MAX_PRIORITY_TICKETS = 500;

/**
 * The background refresher (REFRESHER_ENABLED) over the cloud's read cache, with its gauges in
 * /metrics and a non-required /ready check. Returns the cloud with view tracking (reads put their
 * tenant first) and the refresher, or the cloud unchanged when there is no cache or it is off.
 */
export function setUpReadRefresher(
  cloud: MicrosoftCloudHandle,
  config: Config,
  deps: { ticketStore: TicketStore; metrics: GatewayMetrics; readinessChecks: ReadinessCheck[]; onError: (key: string, error: unknown) => void },
): { cloud: MicrosoftCloudHandle; refresher: ReadRefresher | null } {
  if (!config.refresher.enabled || !cloud.readCache || !cloud.readCachePolicies) return { cloud, refresher: null };
  const refresher = new ReadRefresher({
    upstream: cloud.uncached,
    cache: cloud.readCache,
    policies: cloud.readCachePolicies,
    pacing: { ...DEFAULT_REFRESHER_PACING, callsPerMinute: config.refresher.callsPerMinute, maxInFlight: config.refresher.concurrency },
    refreshAtFraction: config.refresher.refreshAtPercent / 100,
    openTicketTenants: async () => {
      const page = await deps.ticketStore.listTickets({ states: OPEN_STATES }, { first: MAX_PRIORITY_TICKETS });
      return page.items.map((item) => item.node.customerId);
    },
    onError: deps.onError,
  });
  deps.metrics.observeRefresher(() => refresher.status());
  deps.readinessChecks.push({
    name: "refresher",
    required: false,
    check: async () => {
      const status = refresher.status();
      if (status.tenants > 0 && status.covered < status.tenants && status.firstPassMs !== null) {
        throw new Error(`${status.tenants - status.covered} of ${status.tenants} tenants are past their TTL`);
      }
      return { ...status };
    },
  });
  refresher.start();
  return { cloud: withViewTracking(cloud, (tenantId) => refresher.noteViewed(tenantId)), refresher };
}
