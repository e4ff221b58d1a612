import type { Agent } from "../auth/agent";
import type { CustomerReads } from "../customers/customer-reads";
import type { AdminPortalHosts } from "../customers/admin-portal-links";
import type { Logger } from "pino";
import type { AgentDirectory } from "../tickets/agent-directory";
import type { TicketService } from "../tickets/ticket.service";
import type { TicketStore } from "../tickets/ticket.store";
import type { TicketEventBus } from "../reporting/live/ticket-event-bus";
import type { LiveAccessCheck } from "../reporting/live/live-access";
import type { ReportingService } from "../reporting/reporting.service";
import type { SlaService } from "../sla/sla.service";
import type { AssertionVault } from "../escalation/assertion-vault";
import type { AlertBus } from "../alerts/alert-bus";
import type { AlertSender } from "../alerts/alert-sender";
import type { AlertService } from "../alerts/alert.service";

/** What every resolver gets: the authenticated agent and the request's services. */
export interface GraphQLContext {
  agent: Agent;
  requestId: string;
  log: Logger;
  reads: CustomerReads;
  portalHosts: AdminPortalHosts;
  services: RequestServices;
  /**
   * The caller's bearer token, kept for on-behalf-of calls to Microsoft (escalation filing).
   * Sensitive: never logged, never put in an audit payload.
   */
  assertion?: string;
}

/** Long-lived application services shared by all requests. */
export interface RequestServices {
  tickets: TicketService;
  ticketStore: TicketStore;
  agents: AgentDirectory;
  /** SLA computation and the support offering (issue 6; optional so partial gateways in tests still build). */
  sla?: SlaService;
  /** Audit queries, metrics and exports for support leads. */
  reporting?: ReportingService;
  /** Committed ticket events for GraphQL subscriptions (in-process, or Redis with REDIS_URL). */
  liveEvents?: TicketEventBus;
  /** Delegated access re-read for live subscriptions at least every LIVE_ACCESS_TTL_MS (issue 13; WebSocket context only). */
  liveAccess?: LiveAccessCheck;
  /** Alerts (issue 18): feed, rules, acknowledgement, test sends. */
  alerts?: AlertService;
  /** Newly raised alerts of this process, for `alertRaised`. */
  alertBus?: AlertBus;
  alertSender?: AlertSender;
  /** Escalation workers (issue 4): keeps the acting agent's token for App+User filing on their behalf. */
  escalation?: {
    assertions: AssertionVault;
    /** The status sync's bookkeeping, for `Ticket.escalation.lastSyncedAt`. */
    store?: { lastSync(ticketId: string): Promise<{ serviceRequestId: string; lastSyncedAt: Date } | null> };
  };
}
