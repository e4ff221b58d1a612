import type { Logger } from "pino";
import { startPeriodicTasks, type RunningTasks } from "../escalation/escalation-runtime";
import { detectBreaches, type RecordedSlaBreach } from "./sla-breach";
import type { SlaBreachStore } from "./sla-breach.store";
import { policyForTicket, slaFromEvents, type SlaService } from "./sla.service";

/** What one sweep did. */
export interface SweepResult {
  readonly ticketsChecked: number;
  /** Breaches recorded by this sweep (0 when every breach was recorded before). */
  readonly breachesRecorded: number;
}

const PAGE_SIZE = 200;
/** Upper bound on pages per sweep (200 * 10,000 tickets): a sweep always ends. */
const MAX_PAGES = 10_000;
/**
 * Final tickets updated this long before the previous sweep started are looked at again: covers
 * a transition committed while that sweep read its pages, and clock skew between instances.
 */
const FINAL_OVERLAP_MS = 10 * 60_000;

/**
 * Marks SLA breaches: on an interval (and on demand via `sweepOnce`), computes the SLA of every
 * non-final ticket, and of every ticket that became final since the previous sweep (all final
 * tickets on the first sweep after start), from its audit events with the pure SLA functions and records each missed
 * target once in `ticket_sla_breach`. No deadline lives in memory (XState delayed transitions of
 * a restored actor never fire): a restarted gateway, or a second instance, simply sweeps again
 * and the unique key keeps the record exact. Tickets without a stored policy version (opened
 * before versions were stored) get the derived one pinned on first sight.
 */
export class BreachSweeper {
  private running: RunningTasks | null = null;
  /** Wall-clock start of the last completed sweep: final tickets updated before it were looked at. */
  private finalSweptAt: number | null = null;

  constructor(
    private readonly deps: {
      sla: SlaService;
      breaches: SlaBreachStore;
      intervalMs: number;
      log: Logger;
      /**
       * Told every breach a sweep found, recorded now or before (alerts, issue 18): a listener that
       * missed one (a crash after the record) sees it again next sweep. Its failure never fails the sweep.
       */
      onBreaches?: (found: readonly RecordedSlaBreach[]) => Promise<unknown>;
    },
  ) {}

  /** Starts sweeping every `intervalMs` (first sweep after one interval; no-op when started). */
  start(): void {
    const { intervalMs, log } = this.deps;
    const sweep = () =>
      this.sweepOnce().then(
        (result) => {
          if (result.breachesRecorded > 0) log.info(result, "SLA breaches recorded");
        },
        (error: unknown) => log.warn({ err: error }, "SLA breach sweep failed; retrying next interval"),
      );
    this.running ??= startPeriodicTasks([{ name: "sla-breach-sweep", intervalMs, firstDelayMs: intervalMs, runOnce: sweep }], log);
  }

  /** Stops the interval and waits for a sweep in progress. */
  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = null;
  }

  /** One full sweep as of `now` (default: the SLA service's clock). */
  async sweepOnce(now: Date = this.deps.sla.now()): Promise<SweepResult> {
    let ticketsChecked = 0;
    let breachesRecorded = 0;
    let afterId = "";
    // Real time, not `now`: `updated_at` is written by the store's clock (a test's `now` may be hours ahead).
    const startedAt = Date.now();
    const finalSince = this.finalSweptAt === null ? null : new Date(this.finalSweptAt - FINAL_OVERLAP_MS);
    for (let page = 0; page < MAX_PAGES; page++) {
      const candidates = await this.deps.breaches.candidates(afterId, PAGE_SIZE, finalSince);
      const found: RecordedSlaBreach[] = [];
      const pins = new Map<string, number>();
      for (const candidate of candidates) {
        const events = await this.deps.sla.eventsOf(candidate.id);
        if (events.length === 0) continue;
        const sla = slaFromEvents(this.deps.sla.offering, events, now, candidate.slaPolicyVersion);
        if (candidate.slaPolicyVersion === null) pins.set(candidate.id, policyForTicket(this.deps.sla.offering, events[0]!.at, null).version);
        for (const breach of detectBreaches(sla)) found.push({ ...breach, ticketId: candidate.id, detectedAt: now });
        ticketsChecked++;
      }
      breachesRecorded += await this.deps.breaches.record(found, pins);
      if (found.length > 0 && this.deps.onBreaches) {
        await this.deps.onBreaches(found).catch((error: unknown) => this.deps.log.warn({ err: error }, "SLA breach listener failed; next sweep retries"));
      }
      if (candidates.length < PAGE_SIZE) break;
      afterId = candidates[candidates.length - 1]!.id;
    }
    this.finalSweptAt = startedAt;
    return { ticketsChecked, breachesRecorded };
  }
}
