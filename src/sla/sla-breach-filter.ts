import { SEVERITIES } from "../../machines";
import { checkOneOf, checkPeriod, optionalId } from "./filter-input";
import { SLA_BREACH_KINDS, type SlaBreachKind } from "./sla-breach";
import type { SlaBreachFilter } from "./sla-breach.query";

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
  checkOneOf(query?.kinds, SLA_BREACH_KINDS, `${fieldPrefix}kinds`, (kind) => `Unknown breach kind ${kind} (FIRST_RESPONSE or RESOLUTION)`);
  checkOneOf(query?.severities, SEVERITIES, `${fieldPrefix}severities`, (severity) => `Unknown severity ${severity}`);
  const dueFrom = query?.dueFrom ?? undefined;
  const dueTo = query?.dueTo ?? undefined;
  checkPeriod(dueFrom, dueTo, ["dueFrom", "dueTo"], fieldPrefix);
  const customerId = optionalId(query?.customerId, "customerId", fieldPrefix);
  const ticketId = optionalId(query?.ticketId, "ticketId", fieldPrefix);
  const assigneeId = optionalId(query?.assigneeId, "assigneeId", fieldPrefix);
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
