import type { DataSource } from "typeorm";
import { badUserInput } from "../errors";
import { slaFromEvents, type SlaService } from "../sla/sla.service";
import type { AuditEventFilter, Page, PageRequest, StoredTicketEvent } from "../tickets/ticket-store.types";
import type { TicketStore } from "../tickets/ticket.store";
import { readAuditExport, type AuditExportRow } from "./audit-export";
import { computeTicketMetrics, type MetricsTicket, type TicketMetricsResult } from "./ticket-metrics";

/** Longest period `ticketMetrics` accepts (keeps one request bounded). */
const MAX_METRICS_DAYS = 366;
const OPEN_PAGE = 500;

/** Audit queries and lifecycle metrics for support leads (reads only). */
export class ReportingService {
  constructor(private readonly deps: { store: TicketStore; sla: SlaService; dataSource: DataSource }) {}

  /** Every matching audit event, oldest first, in pages (constant memory; see readAuditExport). */
  exportAudit(filter: AuditEventFilter): AsyncGenerator<AuditExportRow[]> {
    return readAuditExport(this.deps.dataSource, filter);
  }

  /** Audit events matching the filter, newest first (keyset pages). */
  auditEvents(filter: AuditEventFilter, page: PageRequest): Promise<Page<StoredTicketEvent>> {
    if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) throw badUserInput("filter.to", "to must not be before from");
    return this.deps.store.listAuditEvents(filter, page);
  }

  /** Metrics over the tickets opened in [from, to), their SLA as of now. */
  async ticketMetrics(from: Date, to: Date): Promise<TicketMetricsResult> {
    if (to.getTime() <= from.getTime()) throw badUserInput("to", "to must be after from");
    if (to.getTime() - from.getTime() > MAX_METRICS_DAYS * 86_400_000) {
      throw badUserInput("to", `The period may be at most ${MAX_METRICS_DAYS} days`);
    }
    const now = this.deps.sla.now();
    const tickets: MetricsTicket[] = [];
    let after: string | null = null;
    for (;;) {
      const opened: Page<StoredTicketEvent> = await this.deps.store.listAuditEvents({ types: ["OPEN"], from, to }, { first: OPEN_PAGE, afterCursor: after });
      // Each ticket is measured by the policy version stored when it was opened (issue 6).
      const versions = await this.deps.sla.storedPolicyVersions(opened.items.map(({ node }) => node.ticketId));
      for (const { node: open } of opened.items) {
        const events = await this.deps.sla.eventsOf(open.ticketId);
        const sla = slaFromEvents(this.deps.sla.offering, events, now, versions.get(open.ticketId));
        tickets.push({ category: String(open.payload.category ?? "UNKNOWN"), events, sla });
      }
      if (!opened.hasNextPage) break;
      after = opened.endCursor;
    }
    return computeTicketMetrics(tickets);
  }
}
