import type { DataSource } from "typeorm";
import { badUserInput } from "../errors";
import { slaFromEvents, type SlaService } from "../sla/sla.service";
import { listSlaBreaches, type SlaBreachFilter, type SlaBreachListItem } from "../sla/sla-breach.query";
import type { AuditEventFilter, Page, PageRequest, StoredTicketEvent } from "../tickets/ticket-store.types";
import type { TicketStore } from "../tickets/ticket.store";
import { readAuditExport, type AuditExportRow } from "./audit-export";
import { readMetricsTickets } from "./metrics-tickets.query";
import { BREAKDOWNS, dailySeries, groupMetrics, localDays, type BreakdownTicket, type DailyPoint, type MetricsGroup } from "./ticket-metrics-breakdown";
import { computeTicketMetrics, type MetricsTicket, type TicketMetricsResult } from "./ticket-metrics";
import { readTicketExport, type TicketExportRow } from "./ticket-export";
import type { TicketExportFilter } from "./ticket-export-filter";

/** Longest period `ticketMetrics` accepts (keeps one request bounded). */
const MAX_METRICS_DAYS = 366;

/** Customer names by id (the partner's customer list; cached upstream read). */
export type CustomerNames = () => Promise<ReadonlyMap<string, string>>;

/** The metrics of a period with their breakdowns and daily series. */
export interface TicketMetricsReport extends TicketMetricsResult {
  readonly byAgent: readonly MetricsGroup[];
  readonly byCustomer: readonly MetricsGroup[];
  readonly bySeverity: readonly MetricsGroup[];
  readonly byProduct: readonly MetricsGroup[];
  readonly daily: readonly DailyPoint[];
}

/** Audit queries, lifecycle metrics and exports for support leads (reads only). */
export class ReportingService {
  constructor(
    private readonly deps: {
      store: TicketStore;
      sla: SlaService;
      dataSource: DataSource;
      customerNames?: CustomerNames;
      /** An agent's display name (the agent directory), for the ticket export's assignee. */
      agentName?: (id: string) => string | null;
    },
  ) {}

  /** The offering's time zone: the desk's days (daily series, date-only export parameters). */
  get timeZone(): string {
    return this.deps.sla.offering.calendar.timeZone;
  }

  /** Every matching audit event, oldest first, in pages (constant memory; see readAuditExport). */
  exportAudit(filter: AuditEventFilter): AsyncGenerator<AuditExportRow[]> {
    return readAuditExport(this.deps.dataSource, filter, () => this.customerNameMap());
  }

  /** One row per matching ticket, oldest first, with its SLA as of now (see readTicketExport). */
  exportTickets(filter: TicketExportFilter): AsyncGenerator<TicketExportRow[]> {
    const { dataSource, sla, agentName } = this.deps;
    return readTicketExport({ dataSource, sla, customerNames: () => this.customerNameMap(), agentName }, filter);
  }

  /** Audit events matching the filter, newest first (keyset pages). */
  auditEvents(filter: AuditEventFilter, page: PageRequest): Promise<Page<StoredTicketEvent>> {
    return this.deps.store.listAuditEvents(filter, page);
  }

  /** Recorded SLA breaches across tickets, latest deadline first (keyset pages). */
  slaBreaches(filter: SlaBreachFilter, page: PageRequest): Promise<Page<SlaBreachListItem>> {
    return listSlaBreaches(this.deps.dataSource, filter, page);
  }

  /**
   * Metrics over the tickets opened in [from, to), their SLA as of now, by agent, customer,
   * severity and product, and per local day of the desk (opened, closed, backlog, breaches).
   * Tickets and their events are read two queries per 500 tickets (never one per ticket).
   */
  async ticketMetrics(from: Date, to: Date): Promise<TicketMetricsReport> {
    if (to.getTime() <= from.getTime()) throw badUserInput("to", "to must be after from");
    if (to.getTime() - from.getTime() > MAX_METRICS_DAYS * 86_400_000) {
      throw badUserInput("to", `The period may be at most ${MAX_METRICS_DAYS} days`);
    }
    const now = this.deps.sla.now();
    const offering = this.deps.sla.offering;
    // The series covers whole local days, so it reads every ticket alive in those days.
    const days = localDays(from, to, offering.calendar.timeZone);
    const seriesFrom = new Date(Math.min(from.getTime(), days[0]?.startMs ?? from.getTime()));
    const seriesTo = new Date(Math.max(to.getTime(), days.at(-1)?.endMs ?? to.getTime()));
    const alive: BreakdownTicket[] = [];
    const opened: (MetricsTicket & BreakdownTicket)[] = [];
    for await (const page of readMetricsTickets(this.deps.dataSource, seriesFrom, seriesTo)) {
      // Each ticket is measured by the policy version stored when it was opened (issue 6).
      const versions = await this.deps.sla.storedPolicyVersions(page.map((ticket) => ticket.id));
      for (const ticket of page) {
        const sla = slaFromEvents(offering, ticket.events, now, versions.get(ticket.id));
        const measured = { ...ticket, category: String(ticket.events[0]!.payload.category ?? ticket.category), sla };
        alive.push(measured);
        const openedMs = sla.openedAt.getTime();
        if (openedMs >= from.getTime() && openedMs < to.getTime()) opened.push(measured);
      }
    }
    return {
      ...computeTicketMetrics(opened),
      byAgent: groupMetrics(opened, BREAKDOWNS.byAgent),
      byCustomer: groupMetrics(opened, BREAKDOWNS.byCustomer),
      bySeverity: groupMetrics(opened, BREAKDOWNS.bySeverity),
      byProduct: groupMetrics(opened, BREAKDOWNS.byProduct),
      daily: dailySeries(alive, from, to, offering.calendar.timeZone),
    };
  }

  /** Customer names, or an empty map when the customer list cannot be read (names are a convenience). */
  async customerNameMap(): Promise<ReadonlyMap<string, string>> {
    try {
      return (await this.deps.customerNames?.()) ?? new Map();
    } catch {
      return new Map();
    }
  }
}
