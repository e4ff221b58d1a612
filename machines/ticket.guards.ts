import type { TicketContext } from "./ticket-context.types";
import { EDITABLE_TICKET_FIELDS, type TicketFieldChange, type TicketMachineEvent } from "./ticket-event.types";
import {
  ESCALATION_CHANNELS,
  PRODUCTS,
  SEVERITIES,
  TICKET_CATEGORIES,
  SUPPORT_VEHICLES,
  TICKET_ACTOR_ROLES,
  VEHICLE_CATEGORIES,
  VEHICLES_OPEN_TO_EVERY_PARTNER,
  type SupportVehicle,
} from "./ticket-vocabulary";

/** Why the machine refused an event. Every refusal has one; none is a silent no-op. */
export const TICKET_REFUSAL_CODES = [
  /** No transition for this event from the current state (or the ticket is finished). */
  "TRANSITION_NOT_ALLOWED",
  /** Escalation needs at least one diagnosis note. */
  "NO_DIAGNOSIS_NOTE",
  /** The partner is not entitled to the (technical) vehicle it asked for. */
  "VEHICLE_NOT_ENTITLED",
  /** The vehicle does not carry this ticket's category (e.g. COMMERCIAL for TECHNICAL). */
  "VEHICLE_NOT_FOR_CATEGORY",
  /** A required field is missing, blank or not one of its allowed values; see `field`. */
  "INVALID_PAYLOAD",
  "INCIDENT_ALREADY_LINKED",
  /** LINKED_INCIDENT_RESOLVED for an incident that is not linked or already recorded as resolved. */
  "INCIDENT_NOT_OPEN",
  /** ASSIGN or UPDATE_DETAILS named a previous value the ticket no longer has (or changes nothing). */
  "STALE_DETAILS",
] as const;
export type TicketRefusalCode = (typeof TICKET_REFUSAL_CODES)[number];

/** A broken rule: the refusal minus where the ticket stands (the runner adds that). */
export interface TicketRuleViolation {
  code: TicketRefusalCode;
  message: string;
  /** The offending event field, for INVALID_PAYLOAD. */
  field?: string;
}

type Violation = TicketRuleViolation | null;

function invalid(field: string, message: string): TicketRuleViolation {
  return { code: "INVALID_PAYLOAD", field, message };
}

function isNonBlank(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

function requireText(event: object, field: string): Violation {
  return isNonBlank((event as Record<string, unknown>)[field])
    ? null
    : invalid(field, `${field} must not be empty`);
}

function optionalText(event: object, field: string): Violation {
  const value = (event as Record<string, unknown>)[field];
  return value === undefined || value === null || typeof value === "string"
    ? null
    : invalid(field, `${field} must be a string when given`);
}

/** `at` and `actor`, which every event needs to be auditable and replayable. */
export function checkEventEnvelope(event: { at?: unknown; actor?: unknown }): Violation {
  if (!isNonBlank(event.at) || Number.isNaN(Date.parse(event.at))) {
    return invalid("at", "at must be an ISO 8601 timestamp");
  }
  const actor = event.actor as Record<string, unknown> | null | undefined;
  if (typeof actor !== "object" || actor === null || !isNonBlank(actor.id)) {
    return invalid("actor", "actor.id must not be empty");
  }
  if (typeof actor.displayName !== "string") return invalid("actor", "actor.displayName is required");
  if (!oneOf(TICKET_ACTOR_ROLES, actor.role)) return invalid("actor", "actor.role is unknown");
  return null;
}

/** Per-event payload shape: required text present, enum values known. */
export function checkEventPayload(event: TicketMachineEvent): Violation {
  switch (event.type) {
    case "START_DIAGNOSIS":
      return event.assigneeId === undefined || event.assigneeId === null || isNonBlank(event.assigneeId)
        ? null
        : invalid("assigneeId", "assigneeId must not be empty when given");
    case "ADD_DIAGNOSIS_NOTE":
    case "RESPOND_TO_MICROSOFT":
      return requireText(event, "note");
    case "LINK_INCIDENT":
    case "LINKED_INCIDENT_RESOLVED":
      return requireText(event, "incidentId");
    case "REQUEST_CUSTOMER_INFO":
      return requireText(event, "question");
    case "RECORD_CUSTOMER_REPLY":
      return requireText(event, "reply");
    case "PROPOSE_RESOLUTION":
      return requireText(event, "summary");
    case "REJECT_RESOLUTION":
    case "REOPEN":
    case "CANCEL":
      return requireText(event, "reason");
    case "RECORD_SERVICE_REQUEST_NUMBER":
    case "MARK_FILED":
      return requireText(event, "serviceRequestId");
    case "MARK_FILING_FAILED":
      return requireText(event, "error");
    case "REQUIRE_PORTAL_FILING":
      return optionalText(event, "reason");
    case "MICROSOFT_ACTION_REQUIRED":
    case "MICROSOFT_CLOSED":
      return optionalText(event, "microsoftNote");
    case "ESCALATE":
      return checkEscalationPayload(event);
    case "ASSIGN":
      if (event.assigneeId !== null && !isNonBlank(event.assigneeId)) return invalid("assigneeId", "assigneeId must be an agent id or null");
      return event.previousAssigneeId === null || isNonBlank(event.previousAssigneeId)
        ? null
        : invalid("previousAssigneeId", "previousAssigneeId must be an agent id or null");
    case "UPDATE_DETAILS":
      return checkFieldChanges(event.changes);
    case "CONFIRM_RESOLUTION":
    case "RETRY_ESCALATION":
    case "CLOSE":
      return null;
  }
}

const FIELD_VALUES: Readonly<Partial<Record<TicketFieldChange["field"], readonly string[]>>> = {
  severity: SEVERITIES,
  product: PRODUCTS,
  category: TICKET_CATEGORIES,
};

/** A non-empty list of distinct editable fields, each with a valid new value. */
function checkFieldChanges(changes: unknown): Violation {
  if (!Array.isArray(changes) || changes.length === 0) return invalid("changes", "changes must list at least one field");
  const seen = new Set<string>();
  for (const change of changes as Partial<TicketFieldChange>[]) {
    if (!oneOf(EDITABLE_TICKET_FIELDS, change?.field)) return invalid("changes", "changes name a field that cannot be edited");
    if (seen.has(change.field)) return invalid(change.field, `${change.field} is changed twice`);
    seen.add(change.field);
    if (typeof change.from !== "string") return invalid(change.field, `${change.field}: from must be the current value`);
    const allowed = FIELD_VALUES[change.field];
    if (allowed ? !oneOf(allowed, change.to) : !isNonBlank(change.to)) {
      return invalid(change.field, allowed ? `${change.field} must be one of ${allowed.join(", ")}` : `${change.field} must not be empty`);
    }
  }
  return null;
}

/** The ticket still holds what an ASSIGN / UPDATE_DETAILS says it held, and something changes. */
function checkCurrentDetails(context: TicketContext, event: TicketMachineEvent): Violation {
  if (event.type === "ASSIGN") {
    if (event.previousAssigneeId !== context.assigneeId) {
      return { code: "STALE_DETAILS", message: `The ticket is assigned to ${context.assigneeId ?? "nobody"}, not ${event.previousAssigneeId ?? "nobody"}` };
    }
    return event.assigneeId === context.assigneeId
      ? { code: "STALE_DETAILS", message: `The ticket is already assigned to ${context.assigneeId ?? "nobody"}` }
      : null;
  }
  if (event.type !== "UPDATE_DETAILS") return invalid("type", "expected ASSIGN or UPDATE_DETAILS");
  for (const change of event.changes) {
    const current = context[change.field];
    if (change.from !== current) return { code: "STALE_DETAILS", message: `${change.field} is no longer "${change.from}"` };
    if (change.to === current) return { code: "STALE_DETAILS", message: `${change.field} is already "${current}"` };
  }
  return null;
}

function checkEscalationPayload(event: Extract<TicketMachineEvent, { type: "ESCALATE" }>): Violation {
  if (!oneOf(SUPPORT_VEHICLES, event.vehicle)) return invalid("vehicle", "vehicle is not a support vehicle");
  if (!isNonBlank(event.supportTopicId)) return invalid("supportTopicId", "supportTopicId must not be empty");
  if (event.severity != null && !oneOf(SEVERITIES, event.severity)) {
    return invalid("severity", "severity is not a Partner Center severity");
  }
  if (event.description != null && !isNonBlank(event.description)) {
    return invalid("description", "description must not be empty when given");
  }
  if (event.channel != null && !oneOf(ESCALATION_CHANNELS, event.channel)) {
    return invalid("channel", "channel is not an escalation channel");
  }
  if (!Array.isArray(event.entitledVehicles) || !event.entitledVehicles.every((v) => oneOf(SUPPORT_VEHICLES, v))) {
    return invalid("entitledVehicles", "entitledVehicles must list support vehicles");
  }
  return null;
}

/** State-only precondition of escalation, also used to compute the available events. */
export function checkHasDiagnosisNote(context: TicketContext): Violation {
  return context.diagnosisNoteCount > 0
    ? null
    : { code: "NO_DIAGNOSIS_NOTE", message: "Add at least one diagnosis note before escalating to Microsoft" };
}

/** COMMERCIAL carries billing and subscription management; the others carry technical issues. */
export function checkVehicleFitsCategory(context: TicketContext, vehicle: SupportVehicle): Violation {
  return VEHICLE_CATEGORIES[vehicle].includes(context.category)
    ? null
    : {
        code: "VEHICLE_NOT_FOR_CATEGORY",
        message: `${vehicle} does not carry ${context.category} tickets`,
      };
}

/** COMMERCIAL is open to every partner; technical vehicles only when the partner configured them. */
export function checkVehicleEntitled(vehicle: SupportVehicle, entitled: readonly SupportVehicle[]): Violation {
  return VEHICLES_OPEN_TO_EVERY_PARTNER.includes(vehicle) || entitled.includes(vehicle)
    ? null
    : { code: "VEHICLE_NOT_ENTITLED", message: `The partner is not entitled to ${vehicle}` };
}

/** State-only precondition of LINKED_INCIDENT_RESOLVED: some linked incident is still open. */
export function checkHasOpenLinkedIncident(context: TicketContext): Violation {
  return context.linkedIncidentIds.some((id) => !context.resolvedIncidentIds.includes(id))
    ? null
    : { code: "INCIDENT_NOT_OPEN", message: "The ticket has no open linked incident" };
}

/**
 * The machine's guards as rules that explain themselves. Each guard in `setup` passes when its
 * rule returns null; a refused event is explained by running the same rule.
 */
export const TICKET_GUARD_RULES = {
  /** Envelope and payload are well formed. */
  validEvent: (_context: TicketContext, event: TicketMachineEvent): Violation =>
    checkEventEnvelope(event) ?? checkEventPayload(event),

  /** Escalation: a diagnosis note, a vehicle for the category, and an entitlement to it. */
  escalationAllowed: (context: TicketContext, event: TicketMachineEvent): Violation => {
    if (event.type !== "ESCALATE") return invalid("type", "expected ESCALATE");
    return (
      checkEventEnvelope(event) ??
      checkHasDiagnosisNote(context) ??
      checkEscalationPayload(event) ??
      checkVehicleFitsCategory(context, event.vehicle) ??
      checkVehicleEntitled(event.vehicle, event.entitledVehicles)
    );
  },

  /** Assignments and corrections start from the ticket's current values and change something. */
  detailsCurrent: (context: TicketContext, event: TicketMachineEvent): Violation =>
    checkEventEnvelope(event) ?? checkEventPayload(event) ?? checkCurrentDetails(context, event),

  /** An incident is linked once. */
  incidentLinkable: (context: TicketContext, event: TicketMachineEvent): Violation => {
    if (event.type !== "LINK_INCIDENT") return invalid("type", "expected LINK_INCIDENT");
    return (
      checkEventEnvelope(event) ??
      checkEventPayload(event) ??
      (context.linkedIncidentIds.includes(event.incidentId)
        ? { code: "INCIDENT_ALREADY_LINKED", message: `Incident ${event.incidentId} is already linked` }
        : null)
    );
  },

  /** Upstream resolution is recorded once, for a linked incident. */
  linkedIncidentOpen: (context: TicketContext, event: TicketMachineEvent): Violation => {
    if (event.type !== "LINKED_INCIDENT_RESOLVED") return invalid("type", "expected LINKED_INCIDENT_RESOLVED");
    return (
      checkEventEnvelope(event) ??
      checkEventPayload(event) ??
      (context.linkedIncidentIds.includes(event.incidentId) &&
      !context.resolvedIncidentIds.includes(event.incidentId)
        ? null
        : { code: "INCIDENT_NOT_OPEN", message: `Incident ${event.incidentId} is not an open linked incident` })
    );
  },
} as const;

export type TicketGuardName = keyof typeof TICKET_GUARD_RULES;

/**
 * Preconditions that depend on the ticket alone, per guard: an event whose guard's state rule
 * fails is not offered in `availableEventTypes` (e.g. ESCALATE before any note).
 */
export const TICKET_GUARD_STATE_RULES: Partial<Record<TicketGuardName, (context: TicketContext) => Violation>> = {
  escalationAllowed: checkHasDiagnosisNote,
  linkedIncidentOpen: checkHasOpenLinkedIncident,
};
