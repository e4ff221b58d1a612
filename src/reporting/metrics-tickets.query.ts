import type { DataSource, EntityManager } from "typeorm";
import { Database, fromIsoTime, TicketEntity, TicketEventEntity, toIsoTime } from "../db";
import { FINAL_STATES } from "../sla/ticket-sla";

/** What the metrics read of one ticket: its row facts and its events in sequence order. */
export interface MetricsTicketRow {
  readonly id: string;
  readonly customerId: string;
  readonly category: string;
  readonly product: string;
  readonly severity: string;
  readonly assigneeId: string | null;
  readonly state: string;
  readonly createdAt: Date;
  readonly events: readonly MetricsEvent[];
}

export interface MetricsEvent {
  readonly type: string;
  readonly toState: string;
  readonly at: Date;
  readonly actor: { readonly id: string; readonly role: string };
  /** Parsed for the OPEN event only (severity of the SLA); empty otherwise. */
  readonly payload: Record<string, unknown>;
}

const PAGE = 500;

/**
 * The events of these tickets in one query, per ticket in sequence order, read with `manager`
 * (inside the caller's read, so tickets and events come from one snapshot).
 */
export async function eventsOfTickets(manager: EntityManager, ids: readonly string[]): Promise<Map<string, MetricsEvent[]>> {
  const byTicket = new Map<string, MetricsEvent[]>();
  if (ids.length === 0) return byTicket;
  const events = await manager
    .createQueryBuilder(TicketEventEntity, "e")
    .select(["e.id", "e.ticketId", "e.sequence", "e.type", "e.toState", "e.at", "e.actorId", "e.actorRole", "e.payload"])
    .where("e.ticketId IN (:...ids)", { ids: [...ids] })
    .orderBy("e.ticketId", "ASC")
    .addOrderBy("e.sequence", "ASC")
    .getMany();
  for (const event of events) {
    const list = byTicket.get(event.ticketId) ?? [];
    list.push({
      type: event.type,
      toState: event.toState,
      at: fromIsoTime(event.at),
      actor: { id: event.actorId, role: event.actorRole },
      payload: event.type === "OPEN" ? (JSON.parse(event.payload) as Record<string, unknown>) : {},
    });
    byTicket.set(event.ticketId, list);
  }
  return byTicket;
}

/**
 * Every ticket alive during [from, to): opened before `to` and not already final before `from`
 * (final tickets are not updated again, so `updated_at` is when they became final). Two queries
 * per page of 500 tickets (the rows, then all their events): no query per ticket.
 */
export async function* readMetricsTickets(dataSource: DataSource, from: Date, to: Date): AsyncGenerator<MetricsTicketRow[]> {
  let afterId = "";
  for (;;) {
    const page = await Database.of(dataSource).read(async (manager) => {
      const tickets = await manager
        .createQueryBuilder(TicketEntity, "t")
        .select(["t.id", "t.customerId", "t.category", "t.product", "t.severity", "t.assigneeId", "t.state", "t.createdAt"])
        .where("t.id > :afterId", { afterId })
        .andWhere("t.createdAt < :to", { to: toIsoTime(to) })
        .andWhere("(t.state NOT IN (:...finalStates) OR t.updatedAt >= :from)", { finalStates: FINAL_STATES, from: toIsoTime(from) })
        .orderBy("t.id", "ASC")
        .limit(PAGE)
        .getMany();
      return { tickets, byTicket: await eventsOfTickets(manager, tickets.map((ticket) => ticket.id)) };
    });
    if (page.tickets.length === 0) return;
    // The rows hold only the selected columns.
    const tickets = page.tickets.map((ticket) => ({ ...ticket, events: page.byTicket.get(ticket.id) ?? [] }));
    yield tickets.filter((ticket) => ticket.events[0]?.type === "OPEN");
    if (page.tickets.length < PAGE) return;
    afterId = page.tickets[page.tickets.length - 1]!.id;
  }
}
