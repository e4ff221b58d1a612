import type { Agent } from "../auth/agent";
import type { CustomerReads } from "../customers/customer-reads";
import type { AdminPortalHosts } from "../customers/admin-portal-links";
import type { Logger } from "pino";

/** What every resolver gets: the authenticated agent and the request's services. */
export interface GraphQLContext {
  agent: Agent;
  requestId: string;
  log: Logger;
  reads: CustomerReads;
  portalHosts: AdminPortalHosts;
  services: RequestServices;
}

/**
 * Long-lived application services shared by all requests (ticket service, entitlements, ...).
 * Declared as an open interface so each feature module adds its own member.
 */
export interface RequestServices {
  [name: string]: unknown;
}
