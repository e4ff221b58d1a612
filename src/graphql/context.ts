import type { GraphQLFormattedError } from "graphql";
import type { Agent } from "../auth/agent";
import type { CustomerReads } from "../customers/customer-reads";
import type { AdminPortalHosts } from "../customers/admin-portal-links";
import type { AgentDirectory } from "../tickets/agent-directory";
import type { TicketService } from "../tickets/ticket.service";
import type { TicketStore } from "../tickets/ticket.store";
import type { TicketQueries } from "../tickets/ticket-queries";
import { TicketVisibility } from "../tickets/ticket-visibility";
import type { ReportingContext, ReportingServices } from "../reporting/reporting-context";
import type { AssertionVault } from "../escalation/assertion-vault";
import type { AlertBus } from "../alerts/alert-bus";
import type { AlertSender } from "../alerts/alert-sender";
import type { AlertService } from "../alerts/alert.service";

/** What every resolver gets: the authenticated agent and the request's services. */
export interface GraphQLContext extends ReportingContext {
  agent: Agent;
  requestId: string;
  reads: CustomerReads;
  portalHosts: AdminPortalHosts;
  services: RequestServices;
  /**
   * The caller's bearer token, kept for on-behalf-of calls to Microsoft (escalation filing).
   * Sensitive: never logged, never put in an audit payload.
   */
  assertion?: string;
  /**
   * Errors about part of a field that still answers with data (e.g. the tenants `serviceIncidents`
   * could not read), added to the response's `errors` by partialErrorsPlugin (HTTP only).
   */
  partialErrors?: GraphQLFormattedError[];
}

/** Long-lived application services shared by all requests (reporting's own listed in ReportingServices). */
export interface RequestServices extends ReportingServices {
  tickets: TicketService;
  ticketStore: TicketStore;
  /** Ticket reads within the caller's visibility (the scope rule lives there). */
  ticketQueries: TicketQueries;
  agents: AgentDirectory;
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

/** Whose tickets this request's caller sees; on a subscription, access is re-checked within its TTL. */
export const visibilityOf = (ctx: GraphQLContext): TicketVisibility => new TicketVisibility(ctx.agent.role, ctx.reads, ctx.services.liveAccess);
