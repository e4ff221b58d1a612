import {
  EDITABLE_TICKET_FIELDS,
  type EditableTicketField,
  type Product,
  type Severity,
  type TicketCategory,
  type TicketContext,
  type TicketFieldChange,
  type TicketMachineEvent,
} from "../../machines";
import { badUserInput } from "../errors";
import { INPUT_LIMITS, requireLabel, requireText } from "./ticket-input.validation";
import type { TicketChanges } from "./ticket-store.types";

/** What an agent asks to correct; absent (or null) fields stay as they are. */
export interface TicketDetailsRequest {
  title?: string | null;
  description?: string | null;
  severity?: Severity | null;
  product?: Product | null;
  category?: TicketCategory | null;
}

/** The requested values, validated like `openTicket` validates them; BAD_USER_INPUT when nothing is asked. */
export function validDetailsRequest(request: TicketDetailsRequest): Partial<Record<EditableTicketField, string>> {
  const wanted: Partial<Record<EditableTicketField, string>> = {};
  if (request.title != null) wanted.title = requireLabel("input.title", request.title, INPUT_LIMITS.title);
  if (request.description != null) wanted.description = requireText("input.description", request.description, INPUT_LIMITS.description);
  if (request.severity != null) wanted.severity = request.severity;
  if (request.product != null) wanted.product = request.product;
  if (request.category != null) wanted.category = request.category;
  if (Object.keys(wanted).length === 0) throw badUserInput("input", "Name at least one of title, description, severity, product, category");
  return wanted;
}

/**
 * The changes against the ticket as it is now (old and new value per field that really changes),
 * in a fixed field order. BAD_USER_INPUT when every requested value is already the ticket's.
 */
export function fieldChangesOf(context: TicketContext, wanted: Partial<Record<EditableTicketField, string>>): TicketFieldChange[] {
  const changes = EDITABLE_TICKET_FIELDS.flatMap((field) => {
    const to = wanted[field];
    return to === undefined || to === context[field] ? [] : [{ field, from: context[field], to }];
  });
  if (changes.length === 0) throw badUserInput("input", "The ticket already has these values");
  return changes;
}

/** The ticket-row columns an accepted ASSIGN or UPDATE_DETAILS changes besides the snapshot. */
export function detailColumnsOf(event: TicketMachineEvent): Partial<Pick<TicketChanges, "assigneeId" | EditableTicketField>> {
  if (event.type === "START_DIAGNOSIS" || event.type === "ASSIGN") return { assigneeId: event.assigneeId ?? null };
  if (event.type === "UPDATE_DETAILS") return Object.fromEntries(event.changes.map((change) => [change.field, change.to]));
  return {};
}
