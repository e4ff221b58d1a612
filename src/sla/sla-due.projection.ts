import type { DataSource } from "typeorm";
import { Database, toIsoTime } from "../db";
import { TicketEntity } from "../db/ticket.entity";
import { slaFoldOf, type SlaService } from "./sla.service";
import type { SlaEvent, TicketSlaFold, TicketSlaResult } from "./ticket-sla";
import { TicketSlaDueEntity } from "./ticket-sla-due.entity";

/**
 * The deadline a desk works towards next: first response until an agent answered, then the
 * projected resolution deadline; none while the resolution clock is paused or once it stopped.
 */
export function nextSlaDue(sla: TicketSlaResult): Date | null {
  if (sla.clockStopped) return null;
  if (sla.firstRespondedAt === null) return sla.firstResponseDueAt;
  return sla.resolutionDueAt;
}

const BACKFILL_BATCH = 200;
/** Tickets whose SLA fold is kept between refreshes (least recently refreshed dropped first). */
const MAX_KEPT_FOLDS = 10_000;

/** The committed event a refresh follows (its per-ticket sequence says whether a kept fold is current). */
export type AppendedSlaEvent = SlaEvent & { readonly sequence: number };

/** A ticket's SLA fold as of its event `sequence`, under the policy version stored when it was made. */
interface KeptFold {
  fold: TicketSlaFold;
  sequence: number;
  storedVersion: number | undefined;
}

/**
 * Keeps `ticket_sla_due` in step with the tickets: `refresh` after each committed transition
 * (the deadlines move only when an event arrives), `backfill` at start for tickets written
 * without it (demo seed, a crash between commit and refresh). Refreshes of one ticket run one
 * after another, so the last one always wins.
 *
 * A refresh that follows an appended event adds that event to the ticket's SLA fold kept from the
 * refresh before (ticket-sla.ts), instead of reading the whole history again: a transition costs
 * the same on a ticket with 400 notes as on a new one. The fold is used only if it ends at the
 * event just before (sequences are gap-free per ticket) and under the same stored policy version;
 * otherwise (first refresh in this process, an event appended by another gateway instance,
 * backfill) the refresh recomputes from every stored event, as before.
 */
export class SlaDueProjection {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly folds = new Map<string, KeptFold>();

  constructor(private readonly deps: { dataSource: DataSource; sla: SlaService; onError?: (error: unknown, ticketId: string) => void }) {}

  /** Recomputes one ticket's next deadline; never rejects (errors go to `onError`). */
  refresh(ticketId: string, appended?: AppendedSlaEvent): Promise<void> {
    const previous = this.pending.get(ticketId) ?? Promise.resolve();
    const next = previous.then(() => this.write(ticketId, appended)).catch((error: unknown) => {
      // Whatever went wrong, the next refresh starts from the stored events.
      this.folds.delete(ticketId);
      this.deps.onError?.(error, ticketId);
    });
    this.pending.set(ticketId, next);
    void next.finally(() => {
      if (this.pending.get(ticketId) === next) this.pending.delete(ticketId);
    });
    return next;
  }

  /** Resolves once every refresh started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending.values()]);
  }

  /** Computes the deadline of every ticket that has none stored yet, in id-ordered batches. */
  async backfill(): Promise<number> {
    const { dataSource } = this.deps;
    let count = 0;
    for (let afterId = ""; ; ) {
      const rows = await Database.of(dataSource).read((manager) =>
        manager
          .createQueryBuilder(TicketEntity, "t")
          .select("t.id")
          .leftJoin(TicketSlaDueEntity, "d", "d.ticketId = t.id")
          .where("d.ticketId IS NULL AND t.id > :afterId", { afterId })
          .orderBy("t.id", "ASC")
          .limit(BACKFILL_BATCH)
          .getMany(),
      );
      for (const row of rows) await this.refresh(row.id);
      count += rows.length;
      if (rows.length < BACKFILL_BATCH) return count;
      afterId = rows[rows.length - 1]!.id;
    }
  }

  private async write(ticketId: string, appended: AppendedSlaEvent | undefined): Promise<void> {
    const now = this.deps.sla.now();
    const due = nextSlaDue((await this.foldAfter(ticketId, appended)).result(now));
    const row: TicketSlaDueEntity = { ticketId, dueAt: due === null ? null : toIsoTime(due), computedAt: toIsoTime(now) };
    await Database.of(this.deps.dataSource).transaction((manager) =>
      manager.createQueryBuilder().insert().into(TicketSlaDueEntity).values(row).orUpdate(["due_at", "computed_at"], ["ticket_id"]).execute(),
    );
  }

  /** The ticket's fold up to `appended` (or its newest stored event), from the kept one when it is current. */
  private async foldAfter(ticketId: string, appended: AppendedSlaEvent | undefined): Promise<TicketSlaFold> {
    const { sla } = this.deps;
    const storedVersion = (await sla.storedPolicyVersions([ticketId])).get(ticketId);
    let kept = this.folds.get(ticketId);
    this.folds.delete(ticketId);
    if (kept === undefined || appended === undefined || kept.storedVersion !== storedVersion || appended.sequence > kept.sequence + 1) {
      const events = await sla.eventsOf(ticketId);
      kept = { fold: slaFoldOf(sla.offering, events, storedVersion), sequence: events[events.length - 1]?.sequence ?? 0, storedVersion };
    } else if (appended.sequence === kept.sequence + 1) {
      kept.fold.add(appended);
      kept.sequence = appended.sequence;
    }
    // Re-inserted last: the Map's first key is the least recently refreshed ticket.
    this.folds.set(ticketId, kept);
    if (this.folds.size > MAX_KEPT_FOLDS) this.folds.delete(this.folds.keys().next().value!);
    return kept.fold;
  }
}
