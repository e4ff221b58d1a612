import type { Logger } from "pino";
import type { TicketEventLog } from "../tickets/ticket-event-log";
import type { AlertService } from "./alert.service";
import { alertsForTicketEvent } from "./ticket-event-alerts";

/** The cursor's name in `alert_source_cursor`. */
export const TICKET_EVENTS_SOURCE = "ticket-events";
const PAGE_SIZE = 500;

export interface TicketEventCatchUpDeps {
  alerts: AlertService;
  events: Pick<TicketEventLog, "head" | "eventsAfter">;
  log: Logger;
}

/**
 * Makes alerts from committed ticket events crash-safe (issue 18). The live path raises them right
 * after the commit, in memory: a process that dies in between (or a raise that fails) would lose
 * them. This pass re-derives them from the audit log itself, in global order, after the last
 * global sequence it processed, and moves that cursor only once their alerts are stored: at start
 * and every ALERT_SCAN_INTERVAL_MS. The alert ids are deterministic (the audit event is the
 * occurrence), so what the live path raised already is skipped and nothing is raised twice, on
 * any number of instances. The global sequence is gap-free and handed out in commit order, so
 * nothing committed can appear behind the cursor later.
 */
export class TicketEventAlertCatchUp {
  constructor(private readonly deps: TicketEventCatchUpDeps) {}

  /**
   * Anchors the cursor at the newest committed event when it has none (the first start with alerts
   * persisted this way): history from before, the sandbox's demo tickets included, raises nothing.
   */
  async anchor(): Promise<number> {
    const stored = await this.deps.alerts.store.cursor(TICKET_EVENTS_SOURCE);
    if (stored !== null) return stored;
    return this.deps.alerts.store.anchorCursor(TICKET_EVENTS_SOURCE, await this.deps.events.head(), this.deps.alerts.now());
  }

  /** One pass up to the newest event committed when it starts; answers how many alerts it raised (those the live path missed). */
  async runOnce(): Promise<{ raised: number; position: number }> {
    let position = await this.anchor();
    const upTo = await this.deps.events.head();
    let raised = 0;
    while (position < upTo) {
      const page = await this.deps.events.eventsAfter(position, { upTo, limit: PAGE_SIZE });
      const last = page[page.length - 1]?.globalSequence;
      if (last == null) break;
      const found = await this.deps.alerts.raiseAll(page.flatMap((event) => alertsForTicketEvent(event)));
      for (const alert of found) this.deps.log.info({ alertId: alert.id, kind: alert.kind }, "alert raised by the catch-up pass");
      raised += found.length;
      await this.deps.alerts.store.advanceCursor(TICKET_EVENTS_SOURCE, last, this.deps.alerts.now());
      position = last;
    }
    return { raised, position };
  }
}
