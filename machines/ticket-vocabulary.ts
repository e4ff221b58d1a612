/**
 * The closed vocabularies a ticket speaks. `machines/` imports nothing from `src/`, so the literal
 * unions the GraphQL enums mirror are defined here (they match CONTRACT.md spelling exactly).
 */

/** What kind of support the customer asks for (the three a CSP partner owes per online service). */
export const TICKET_CATEGORIES = ["BILLING", "SUBSCRIPTION_MANAGEMENT", "TECHNICAL"] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Partner Center's service request severities. */
export const SEVERITIES = ["MINIMAL", "MODERATE", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The Microsoft online service a ticket is about. */
export const PRODUCTS = ["AZURE", "MICROSOFT_365", "DYNAMICS_365", "OTHER"] as const;
export type Product = (typeof PRODUCTS)[number];

/** The routes a partner can take to Microsoft support. */
export const SUPPORT_VEHICLES = [
  "COMMERCIAL",
  "PREMIER_SUPPORT_FOR_PARTNERS",
  "ADVANCED_SUPPORT_FOR_PARTNERS",
  "SIGNATURE_CLOUD_SUPPORT",
] as const;
export type SupportVehicle = (typeof SUPPORT_VEHICLES)[number];

/**
 * Which ticket categories each vehicle carries. COMMERCIAL covers commercial issues and is open
 * to every partner; the technical vehicles need a per-partner entitlement.
 */
export const VEHICLE_CATEGORIES: Readonly<Record<SupportVehicle, readonly TicketCategory[]>> = {
  COMMERCIAL: ["BILLING", "SUBSCRIPTION_MANAGEMENT"],
  PREMIER_SUPPORT_FOR_PARTNERS: ["TECHNICAL"],
  ADVANCED_SUPPORT_FOR_PARTNERS: ["TECHNICAL"],
  SIGNATURE_CLOUD_SUPPORT: ["TECHNICAL"],
};

/** Vehicles every partner may use without configuring an entitlement. */
export const VEHICLES_OPEN_TO_EVERY_PARTNER: readonly SupportVehicle[] = ["COMMERCIAL"];

/** How a service request reaches Microsoft. */
export const ESCALATION_CHANNELS = ["PARTNER_CENTER", "AZURE_SUPPORT", "PORTAL"] as const;
export type EscalationChannel = (typeof ESCALATION_CHANNELS)[number];

/** Partner Center's service request status (NONE until filed). */
export const SERVICE_REQUEST_STATUSES = ["NONE", "OPEN", "CLOSED", "ATTENTION_NEEDED"] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/** Who acts on a ticket: the API's agent roles, plus SYSTEM for the gateway's own workers. */
export const TICKET_ACTOR_ROLES = [
  "ADMIN_AGENT",
  "HELPDESK_AGENT",
  "SALES_AGENT",
  "SUPPORT_LEAD",
  "SYSTEM",
] as const;
export type TicketActorRole = (typeof TICKET_ACTOR_ROLES)[number];

/** The author of an event, stored with it in the audit trail. */
export interface TicketActor {
  id: string;
  displayName: string;
  role: TicketActorRole;
}
