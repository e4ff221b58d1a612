import { describeWorkflow } from "./ticket-workflow";

/**
 * One name for every state a ticket can rest in (each leaf of the machine), in lifecycle order:
 * the GraphQL `TicketStatus` enum. The state path "escalated.withMicrosoft" is
 * ESCALATED_WITH_MICROSOFT. Written out (not derived) so it is a type; a check at load time and a
 * unit test keep it equal to the machine's leaves.
 */
export const TICKET_STATUSES = [
  "INTAKE",
  "DIAGNOSIS",
  "AWAITING_CUSTOMER",
  "RESOLUTION",
  "ESCALATED_FILING",
  "ESCALATED_AWAITING_PORTAL_FILING",
  "ESCALATED_WITH_MICROSOFT",
  "ESCALATED_ACTION_REQUIRED",
  "ESCALATED_FILING_FAILED",
  "RESOLVED",
  "CLOSED",
  "CANCELLED",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** "escalated.withMicrosoft" -> "ESCALATED_WITH_MICROSOFT" (any path, leaf or not). */
export const statusNameOfPath = (statePath: string): string =>
  statePath
    .split(".")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase())
    .join("_");

const workflow = describeWorkflow();
const LEAF_PATHS = workflow.states.filter((path) => !workflow.states.some((other) => other.startsWith(`${path}.`)));
const PATH_OF_STATUS = new Map<string, string>(LEAF_PATHS.map((path) => [statusNameOfPath(path), path]));

const missing = LEAF_PATHS.map(statusNameOfPath).filter((name) => !(TICKET_STATUSES as readonly string[]).includes(name));
const extra = TICKET_STATUSES.filter((status) => !PATH_OF_STATUS.has(status));
if (missing.length > 0 || extra.length > 0) {
  throw new Error(`TICKET_STATUSES differs from the machine's leaf states (missing ${missing.join(", ")}; extra ${extra.join(", ")})`);
}

/** The status of a leaf state path; throws for a path that is not a leaf of the machine. */
export function ticketStatusOfPath(statePath: string): TicketStatus {
  const name = statusNameOfPath(statePath);
  if (PATH_OF_STATUS.get(name) !== statePath) throw new Error(`State path "${statePath}" is not a leaf state of the ticket machine`);
  return name as TicketStatus;
}

/** ESCALATED_WITH_MICROSOFT -> "escalated.withMicrosoft". */
export function statePathOfStatus(status: TicketStatus): string {
  const path = PATH_OF_STATUS.get(status);
  if (path === undefined) throw new Error(`Unknown ticket status ${status}`);
  return path;
}
