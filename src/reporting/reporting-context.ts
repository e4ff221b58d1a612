import type { Logger } from "pino";
import type { SlaService } from "../sla/sla.service";
import type { AgentDirectory } from "../tickets/agent-directory";
import type { TicketEventLog } from "../tickets/ticket-event-log";
import type { ExportLinkSigner } from "./export-link";
import type { LiveAccessCheck } from "./live/live-access";
import type { LiveTicketEvents } from "./live/live-ticket-events";
import type { ReportingService } from "./reporting.service";

/**
 * What reporting's resolvers need from a request: the GraphQL layer's context extends this, so the
 * dependency points from src/graphql to src/reporting and never back.
 */
export interface ReportingContext {
  log: Logger;
  services: ReportingServices;
}

export interface ReportingServices {
  /** SLA computation and the support offering (issue 6; optional so partial gateways in tests still build). */
  sla?: SlaService;
  /** Audit queries, metrics and exports for support leads. */
  reporting?: ReportingService;
  /** Committed ticket events for GraphQL subscriptions (in-process, or Redis with REDIS_URL). */
  liveEvents?: LiveTicketEvents;
  /** Delegated access re-read for live subscriptions at least every LIVE_ACCESS_TTL_MS (issue 13; WebSocket context only). */
  liveAccess?: LiveAccessCheck;
  /** The audit log in global order, for resuming live events (`ticketEvents(afterSequence:)`). */
  eventLog?: TicketEventLog;
  /** Signed download links for the exports (issue 16). */
  exportLinks?: ExportLinkSigner;
  /** Agent names for the metrics' by-agent groups. */
  agents?: AgentDirectory;
}
