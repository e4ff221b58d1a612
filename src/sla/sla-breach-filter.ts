import { SEVERITIES } from "../../machines";
import { badUserInput } from "../errors";
import type { SlaBreachKind } from "./sla-breach";
import type { SlaBreachFilter } from "./sla-breach.query";

const KINDS: readonly SlaBreachKind[] = ["FIRST_RESPONSE", "RESOLUTION"];
const ID = /^[A-Za-z0-9:._@-]{1,128}$/;

/** The filter as the API takes it (GraphQL input). */
export interface SlaBreachQuery {
  customerId?: string | null;
  ticketId?: string | null;
  kinds?: readonly string[] | null;
  severities?: readonly string[] | null;
  assigneeId?: string | null;
  dueFrom?: Date | null;
  dueTo?: Date | null;
}

/** Validates the API filter into the query's; BAD_USER_INPUT names the field. */
export function toSlaBreachFilter(query: SlaBreachQuery | null | undefined, fieldPrefix = "filter."): SlaBreachFilter {
  const id = (name: "customerId" | "ticketId" | "assigneeId"): string | undefined => {
    const value = query?.[name];
    if (value == null) return undefined;
    if (!ID.test(value)) throw badUserInput(`${fieldPrefix}${name}`, `${name} is not a valid id`);
    return value;
  };
  for (const kind of query?.kinds ?? []) {
    if (!(KINDS as readonly string[]).includes(kind)) throw badUserInput(`${fieldPrefix}kinds`, `Unknown breach kind ${kind} (FIRST_RESPONSE or RESOLUTION)`);
  }
  for (const severity of query?.severities ?? []) {
    if (!(SEVERITIES as readonly string[]).includes(severity)) throw badUserInput(`${fieldPrefix}severities`, `Unknown severity ${severity}`);
  }
  const dueFrom = query?.dueFrom ?? undefined;
  const dueTo = query?.dueTo ?? undefined;
  if (dueFrom && dueTo && dueFrom.getTime() > dueTo.getTime()) throw badUserInput(`${fieldPrefix}dueTo`, "dueTo must not be before dueFrom");
  const customerId = id("customerId");
  const ticketId = id("ticketId");
  const assigneeId = id("assigneeId");
  return {
    ...(customerId !== undefined ? { customerIds: [customerId] } : {}),
    ...(ticketId !== undefined ? { ticketId } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(query?.kinds ? { kinds: query.kinds as SlaBreachKind[] } : {}),
    ...(query?.severities ? { severities: [...query.severities] } : {}),
    ...(dueFrom !== undefined ? { dueFrom } : {}),
    ...(dueTo !== undefined ? { dueTo } : {}),
  };
}
