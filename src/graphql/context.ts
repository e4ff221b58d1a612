import type { Agent } from "../auth/agent";
import type { CustomerReads } from "../customers/customer-reads";
import type { AdminPortalHosts } from "../customers/admin-portal-links";
import type { Logger } from "pino";
import type { AgentDirectory } from "../tickets/agent-directory";
import type { TicketService } from "../tickets/ticket.service";
import type { TicketStore } from "../tickets/ticket.store";

/** What every resolver gets: the authenticated agent and the request's services. */
export interface GraphQLContext {
  agent: Agent;
  requestId: string;
  log: Logger;
  reads: CustomerReads;
  portalHosts: AdminPortalHosts;
  services: RequestServices;
}

/** Long-lived application services shared by all requests. */
export interface RequestServices {
  tickets: TicketService;
  ticketStore: TicketStore;
  agents: AgentDirectory;
}
