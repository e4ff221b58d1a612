import { statePathOfStatus, TICKET_STATE_PATHS } from "../../../machines";
import { badUserInput } from "../../errors";
import { DEFAULT_TICKET_ORDER, type DeskTicketFilter, type TicketOrder } from "../../tickets/ticket-list.query";
import { machineStateOf } from "../../tickets/ticket-state";
import type { TicketOrder as TicketOrderInput } from "../types/desk.types";
import type { TicketFilter } from "../types/ticket.types";

/**
 * The GraphQL ticket filter as the list query takes it. Values the workflow does not know are
 * refused (BAD_USER_INPUT naming the field), never silently matched against nothing.
 */
export function toDeskFilter(filter: TicketFilter | null | undefined, customerId?: string): DeskTicketFilter {
  const unknownPath = filter?.stateValue?.find((path) => !TICKET_STATE_PATHS.includes(path));
  if (unknownPath !== undefined) {
    throw badUserInput("filter.stateValue", `"${unknownPath}" is not a state of the ticket workflow; known: ${TICKET_STATE_PATHS.join(", ")}`);
  }
  if (filter?.unassigned != null && filter.assigneeId != null) {
    throw badUserInput("filter.unassigned", "Give either assigneeId or unassigned, not both");
  }
  checkRange("filter.createdTo", filter?.createdFrom, filter?.createdTo);
  checkRange("filter.updatedTo", filter?.updatedFrom, filter?.updatedTo);
  const customerIds = customerId !== undefined ? [customerId] : filter?.customerId ? [filter.customerId] : undefined;
  return withoutUndefined({
    states: filter?.state?.map(machineStateOf),
    statePaths: statePathsOf(filter),
    customerIds,
    assigneeId: filter?.unassigned === true ? null : (filter?.assigneeId ?? undefined),
    assigned: filter?.unassigned === false ? true : undefined,
    severities: filter?.severity ?? undefined,
    categories: filter?.category ?? undefined,
    products: filter?.product ?? undefined,
    search: filter?.search ?? undefined,
    createdFrom: filter?.createdFrom ?? undefined,
    createdTo: filter?.createdTo ?? undefined,
    updatedFrom: filter?.updatedFrom ?? undefined,
    updatedTo: filter?.updatedTo ?? undefined,
    breached: filter?.breached ?? undefined,
  });
}

export function toTicketOrder(order: TicketOrderInput | null | undefined): TicketOrder {
  return order ? { field: order.field, direction: order.direction ?? "DESC" } : DEFAULT_TICKET_ORDER;
}

function checkRange(field: string, from: Date | null | undefined, to: Date | null | undefined): void {
  if (from != null && to != null && from.getTime() >= to.getTime()) throw badUserInput(field, `${field} must be after its from bound`);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** `status` (the enum) and the deprecated `stateValue` paths name the same leaves; both given means both must match. */
function statePathsOf(filter: TicketFilter | null | undefined): string[] | undefined {
  const byStatus = filter?.status?.map(statePathOfStatus);
  const byPath = filter?.stateValue ?? undefined;
  if (byStatus && byPath) return byStatus.filter((path) => byPath.includes(path));
  return byStatus ?? byPath;
}
