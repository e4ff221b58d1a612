import type { AgentRole } from "./agent";

const ALL: readonly AgentRole[] = ["ADMIN_AGENT", "HELPDESK_AGENT", "SALES_AGENT", "SUPPORT_LEAD"];
const HEALTH_READERS: readonly AgentRole[] = ["ADMIN_AGENT", "HELPDESK_AGENT", "SUPPORT_LEAD"];
const TICKET_READERS: readonly AgentRole[] = ["ADMIN_AGENT", "HELPDESK_AGENT", "SUPPORT_LEAD"];
const TICKET_WORKERS: readonly AgentRole[] = ["ADMIN_AGENT", "HELPDESK_AGENT"];
const ALERT_RULE_EDITORS: readonly AgentRole[] = ["ADMIN_AGENT", "SUPPORT_LEAD"];

/**
 * Which roles may run which operation or read which guarded field (CONTRACT.md "Auth"):
 * ADMIN_AGENT and HELPDESK_AGENT work tickets; SALES_AGENT reads customers and subscriptions only;
 * SUPPORT_LEAD reads everything and changes no ticket. Resolvers take their roles from here, so
 * the matrix is one table in one place.
 */
export const ACCESS_MATRIX = {
  "Query.me": ALL,
  "Query.customers": ALL,
  "Query.customer": ALL,
  "Query.serviceIncidents": HEALTH_READERS,
  "Query.suggestedIncidents": HEALTH_READERS,
  "Query.incidentBoard": HEALTH_READERS,
  "Query.supportTopics": TICKET_READERS,
  "Query.supportVehicles": TICKET_READERS,
  "Query.ticket": TICKET_READERS,
  "Query.tickets": TICKET_READERS,
  "Query.ticketWorkflow": ALL,
  "Query.ticketCounts": TICKET_READERS,
  "Query.agents": TICKET_READERS,
  "Customer.serviceHealth": HEALTH_READERS,
  "Customer.incidents": HEALTH_READERS,
  "Customer.healthSummary": HEALTH_READERS,
  "Customer.tickets": TICKET_READERS,
  "TicketEvent.ticket": TICKET_READERS,
  "Mutation.ticket": TICKET_WORKERS,
  // Every mutation by name as well, so that test/security/access-matrix checks each one against
  // schema/schema.graphql: a new mutation without its own line here fails that test.
  "Mutation.openTicket": TICKET_WORKERS,
  "Mutation.startDiagnosis": TICKET_WORKERS,
  "Mutation.addDiagnosisNote": TICKET_WORKERS,
  "Mutation.linkIncident": TICKET_WORKERS,
  "Mutation.requestCustomerInfo": TICKET_WORKERS,
  "Mutation.recordCustomerReply": TICKET_WORKERS,
  "Mutation.proposeResolution": TICKET_WORKERS,
  "Mutation.confirmResolution": TICKET_WORKERS,
  "Mutation.rejectResolution": TICKET_WORKERS,
  "Mutation.escalateToMicrosoft": TICKET_WORKERS,
  "Mutation.recordServiceRequestNumber": TICKET_WORKERS,
  "Mutation.retryEscalation": TICKET_WORKERS,
  "Mutation.respondToMicrosoft": TICKET_WORKERS,
  "Mutation.closeTicket": TICKET_WORKERS,
  "Mutation.reopenTicket": TICKET_WORKERS,
  "Mutation.cancelTicket": TICKET_WORKERS,
  "Mutation.assignTicket": TICKET_WORKERS,
  "Mutation.updateTicket": TICKET_WORKERS,
  "Query.supportOffering": ALL,
  "Query.auditEvents": ["SUPPORT_LEAD"],
  "Query.ticketMetrics": ["SUPPORT_LEAD"],
  "Query.slaBreaches": ["SUPPORT_LEAD"],
  "Mutation.createExportLink": ["SUPPORT_LEAD"],
  "Subscription.ticketEvents": TICKET_READERS,
  "Export.audit": ["SUPPORT_LEAD"],
  "Export.tickets": ["SUPPORT_LEAD"],
  // Alerts (issue 18): the feed and acknowledgement for every ticket reader; rules by admins and leads.
  "Query.alerts": TICKET_READERS,
  "Mutation.acknowledgeAlert": TICKET_READERS,
  "Subscription.alertRaised": TICKET_READERS,
  "Query.alertRules": ALERT_RULE_EDITORS,
  "Query.alertDestinations": ALERT_RULE_EDITORS,
  "Mutation.saveAlertRule": ALERT_RULE_EDITORS,
  "Mutation.deleteAlertRule": ALERT_RULE_EDITORS,
  "Mutation.sendTestAlert": ALERT_RULE_EDITORS,
} as const satisfies Record<string, readonly AgentRole[]>;

export type GuardedOperation = keyof typeof ACCESS_MATRIX;

/** The roles allowed for an operation, as a mutable array for `@Authorized(...)`. */
export const rolesFor = (operation: GuardedOperation): AgentRole[] => [...ACCESS_MATRIX[operation]];

export const mayRun = (role: AgentRole, operation: GuardedOperation): boolean =>
  (ACCESS_MATRIX[operation] as readonly AgentRole[]).includes(role);
