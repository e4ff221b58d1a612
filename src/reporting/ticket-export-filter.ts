import { badUserInput } from "../errors";

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

const ID = /^[A-Za-z0-9:._@-]{1,128}$/;

/** Validates a TicketExportQuery; BAD_USER_INPUT names the field. */
export function toTicketExportFilter(query: TicketExportQuery | null | undefined, fieldPrefix = ""): TicketExportFilter {
  const id = (name: "customerId" | "assigneeId"): string | undefined => {
    const value = query?.[name];
    if (value == null) return undefined;
    if (!ID.test(value)) throw badUserInput(`${fieldPrefix}${name}`, `${name} is not a valid id`);
    return value;
  };
  const from = query?.from ?? undefined;
  const to = query?.to ?? undefined;
  if (from && to && from.getTime() > to.getTime()) throw badUserInput(`${fieldPrefix}to`, "to must not be before from");
  const customerId = id("customerId");
  const assigneeId = id("assigneeId");
  return {
    ...(customerId !== undefined ? { customerIds: [customerId] } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}
