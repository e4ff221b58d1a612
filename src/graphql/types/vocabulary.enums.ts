import { TICKET_STATUSES } from "../../../machines";
import { INCIDENT_POST_TYPES } from "../../cloud/cloud-types";
import { SLA_BREACH_KINDS } from "../../sla/sla-breach";
import { CONTACT_METHOD_KINDS, SLA_CLOCKS } from "../../sla/support-offering.schema";
import { TICKET_CHANNELS } from "../../tickets/ticket-channel";
import { TICKET_NOTE_KINDS } from "../../tickets/ticket-notes";
import { graphqlEnum } from "./enums";

/*
 * Closed vocabularies that were served as strings (issue 16). Values are declared in lifecycle or
 * natural order; schema/schema.graphql keeps that order (scripts/emit-schema.ts sorts types and
 * fields, not enum values).
 */

export const TicketStatusEnum = graphqlEnum(TICKET_STATUSES, {
  name: "TicketStatus",
  description:
    'Every state a ticket can be in, one value per leaf of the workflow, in lifecycle order: the state path "escalated.withMicrosoft" is ESCALATED_WITH_MICROSOFT.',
});

export const TicketChannelEnum = graphqlEnum(TICKET_CHANNELS, { name: "TicketChannel", description: "Where a ticket came in; OTHER for anything else." });

export const TicketNoteKindEnum = graphqlEnum(TICKET_NOTE_KINDS, {
  name: "TicketNoteKind",
  description: "DIAGNOSIS_NOTE (an agent's note), QUESTION (to the customer), REPLY (from the customer).",
});

export const SlaBreachKindEnum = graphqlEnum(SLA_BREACH_KINDS, { name: "SlaBreachKind", description: "Which SLA target was missed." });

export const SlaClockEnum = graphqlEnum(SLA_CLOCKS, {
  name: "SlaClock",
  description: "Which hours count: SERVICE_HOURS only the desk's opening hours, ALWAYS around the clock (24x7).",
});

export const ContactMethodKindEnum = graphqlEnum(CONTACT_METHOD_KINDS, { name: "ContactMethodKind" });

/** ISO order (Monday first); the offering file's own list starts on Sunday like JavaScript's getDay. */
export const WEEKDAYS_ISO_ORDER = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;
export const WeekdayEnum = graphqlEnum(WEEKDAYS_ISO_ORDER, { name: "Weekday" });

export const IncidentPostTypeEnum = graphqlEnum(INCIDENT_POST_TYPES, {
  name: "IncidentPostType",
  description: "Graph's post type in upper case; UNKNOWN for values this version does not know.",
});
export type { IncidentPostType } from "../../cloud/cloud-types";

/** Partner Center's billing cycles; UNKNOWN for values this version does not know. */
export const BILLING_CYCLES = ["MONTHLY", "ANNUAL", "BIENNIAL", "TRIENNIAL", "ONE_TIME", "NONE", "UNKNOWN"] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];
export const BillingCycleEnum = graphqlEnum(BILLING_CYCLES, { name: "BillingCycle", description: "Partner Center's billing cycle; UNKNOWN for values this version does not know." });

/** "monthly" (the mapper's lower-case value) -> MONTHLY; unknown values -> UNKNOWN. */
export function billingCycleOf(value: string | null): BillingCycle | null {
  if (value === null) return null;
  const upper = value.toUpperCase();
  return (BILLING_CYCLES as readonly string[]).includes(upper) ? (upper as BillingCycle) : "UNKNOWN";
}
