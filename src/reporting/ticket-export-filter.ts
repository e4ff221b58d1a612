import { checkPeriod, optionalId } from "../sla/filter-input";
import { singleParam, timeParam } from "./audit-filter";

/** Which tickets the ticket-level export holds; all given conditions must match. */
export interface TicketExportFilter {
  readonly customerIds?: readonly string[];
  readonly assigneeId?: string;
  /** Opened at or after (inclusive). */
  readonly from?: Date;
  /** Opened before (exclusive). */
  readonly to?: Date;
}

/** The ticket export filter as the API takes it (query parameters or a signed link). */
export interface TicketExportQuery {
  customerId?: string | null;
  assigneeId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Validates a TicketExportQuery; BAD_USER_INPUT names the field. */
export function toTicketExportFilter(query: TicketExportQuery | null | undefined, fieldPrefix = ""): TicketExportFilter {
  const from = query?.from ?? undefined;
  const to = query?.to ?? undefined;
  checkPeriod(from, to, ["from", "to"], fieldPrefix);
  const customerId = optionalId(query?.customerId, "customerId", fieldPrefix);
  const assigneeId = optionalId(query?.assigneeId, "assigneeId", fieldPrefix);
  return {
    ...(customerId !== undefined ? { customerIds: [customerId] } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

/** Parses the ticket export's query parameters (times as for the audit export: see `timeParam`). */
export function ticketExportQueryFromParams(params: Record<string, unknown>, timeZone: string): TicketExportQuery {
  return {
    customerId: singleParam(params, "customerId"),
    assigneeId: singleParam(params, "assigneeId"),
    from: timeParam(params, "from", timeZone),
    to: timeParam(params, "to", timeZone),
  };
}
