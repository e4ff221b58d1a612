import type { DataSource } from "typeorm";
import { Database, TicketEntity, toIsoTime } from "../db";
import { slaFromEvents, type SlaService } from "../sla/sla.service";
import { eventsOfTickets } from "./metrics-tickets.query";
import { lifecycleSeconds } from "./ticket-metrics";
import type { TicketExportFilter } from "./ticket-export-filter";

/** One exported ticket, flat (the CSV columns and NDJSON keys). */
export interface TicketExportRow {
  ticketId: string;
  customerId: string;
  /** Null when the partner's customer list could not be read. */
  customerName: string | null;
  title: string;
  category: string;
  product: string;
  severity: string;
  channel: string | null;
  state: string;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: string;
  updatedAt: string;
  firstResponseDueAt: string;
  firstRespondedAt: string | null;
  firstResponseSeconds: number | null;
  resolutionDueAt: string | null;
  resolvedAt: string | null;
  resolutionSeconds: number | null;
  resolutionServiceSeconds: number;
  slaPolicyVersion: number;
  breached: boolean;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  breachedAt: string | null;
}

export const TICKET_EXPORT_COLUMNS: readonly (keyof TicketExportRow)[] = [
  "ticketId", "customerId", "customerName", "title", "category", "product", "severity", "channel", "state",
  "assigneeId", "assigneeName", "createdAt", "updatedAt", "firstResponseDueAt", "firstRespondedAt", "firstResponseSeconds",
  "resolutionDueAt", "resolvedAt", "resolutionSeconds", "resolutionServiceSeconds", "slaPolicyVersion", "breached",
  "firstResponseBreached", "resolutionBreached", "breachedAt",
];

const EXPORT_PAGE = 200;

export interface TicketExportSources {
  dataSource: DataSource;
  sla: SlaService;
  customerNames: () => Promise<ReadonlyMap<string, string>>;
  agentName?: (id: string) => string | null;
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/**
 * Every matching ticket, oldest first, in keyset pages of 200 on (created_at, id), each with its
 * SLA as of now (the same computation as `Ticket.sla`). Memory stays constant; the database
 * lock is held per page.
 */
export async function* readTicketExport(sources: TicketExportSources, filter: TicketExportFilter): AsyncGenerator<TicketExportRow[]> {
  if (filter.customerIds?.length === 0) return;
  const names = await sources.customerNames();
  let cursor: { createdAt: string; id: string } | null = null;
  for (;;) {
    const { tickets, events: eventsByTicket } = await Database.of(sources.dataSource).read(async (manager) => {
      const qb = manager.createQueryBuilder(TicketEntity, "t");
      if (filter.customerIds) qb.andWhere("t.customerId IN (:...customerIds)", { customerIds: [...filter.customerIds] });
      if (filter.assigneeId !== undefined) qb.andWhere("t.assigneeId = :assigneeId", { assigneeId: filter.assigneeId });
      if (filter.from !== undefined) qb.andWhere("t.createdAt >= :from", { from: toIsoTime(filter.from) });
      if (filter.to !== undefined) qb.andWhere("t.createdAt < :to", { to: toIsoTime(filter.to) });
      if (cursor !== null) {
        qb.andWhere("t.createdAt >= :cAt AND (t.createdAt > :cAt OR t.id > :cId)", { cAt: cursor.createdAt, cId: cursor.id });
      }
      const page = await qb.orderBy("t.createdAt", "ASC").addOrderBy("t.id", "ASC").limit(EXPORT_PAGE).getMany();
      // One query for the page's events, not one per ticket.
      return { tickets: page, events: await eventsOfTickets(manager, page.map((ticket) => ticket.id)) };
    });
    if (tickets.length === 0) return;
    const now = sources.sla.now();
    const versions = await sources.sla.storedPolicyVersions(tickets.map((ticket) => ticket.id));
    const rows: TicketExportRow[] = [];
    for (const ticket of tickets) {
      const events = eventsByTicket.get(ticket.id) ?? [];
      if (events[0]?.type !== "OPEN") continue;
      const sla = slaFromEvents(sources.sla.offering, events, now, versions.get(ticket.id));
      const seconds = lifecycleSeconds({ events, sla });
      rows.push({
        ticketId: ticket.id,
        customerId: ticket.customerId,
        customerName: names.get(ticket.customerId) ?? null,
        title: ticket.title,
        category: ticket.category,
        product: ticket.product,
        severity: ticket.severity,
        channel: ticket.channel,
        state: ticket.statePath,
        assigneeId: ticket.assigneeId,
        assigneeName: ticket.assigneeId === null ? null : (sources.agentName?.(ticket.assigneeId) ?? null),
        createdAt: ticket.createdAt.toISOString(),
        updatedAt: ticket.updatedAt.toISOString(),
        firstResponseDueAt: sla.firstResponseDueAt.toISOString(),
        firstRespondedAt: iso(sla.firstRespondedAt),
        firstResponseSeconds: seconds.firstResponse,
        resolutionDueAt: iso(sla.resolutionDueAt),
        resolvedAt: iso(sla.resolvedAt),
        resolutionSeconds: seconds.resolution,
        resolutionServiceSeconds: sla.resolutionServiceMs / 1000,
        slaPolicyVersion: sla.policyVersion,
        breached: sla.breached,
        firstResponseBreached: sla.firstResponseBreached,
        resolutionBreached: sla.resolutionBreached,
        breachedAt: iso(sla.breachedAt),
      });
    }
    if (rows.length > 0) yield rows;
    if (tickets.length < EXPORT_PAGE) return;
    const last = tickets[tickets.length - 1]!;
    cursor = { createdAt: toIsoTime(last.createdAt), id: last.id };
  }
}
