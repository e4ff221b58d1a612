import type { DataSource } from "typeorm";
import { Database, toIsoTime } from "../db";
import { TicketEntity } from "../db/ticket.entity";
import type { SlaService } from "./sla.service";
import type { TicketSlaResult } from "./ticket-sla";
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

/**
 * Keeps `ticket_sla_due` in step with the tickets: `refresh` after each committed transition
 * (the deadlines move only when an event arrives), `backfill` at start for tickets written
 * without it (demo seed, a crash between commit and refresh). Refreshes of one ticket run one
 * after another and each recomputes from the stored events, so the last one always wins.
 */
export class SlaDueProjection {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly deps: { dataSource: DataSource; sla: SlaService; onError?: (error: unknown, ticketId: string) => void }) {}

  /** Recomputes one ticket's next deadline; never rejects (errors go to `onError`). */
  refresh(ticketId: string): Promise<void> {
    const previous = this.pending.get(ticketId) ?? Promise.resolve();
    const next = previous.then(() => this.write(ticketId)).catch((error: unknown) => this.deps.onError?.(error, ticketId));
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

  private async write(ticketId: string): Promise<void> {
    const now = this.deps.sla.now();
    const due = nextSlaDue(await this.deps.sla.slaOf(ticketId, now));
    const row: TicketSlaDueEntity = { ticketId, dueAt: due === null ? null : toIsoTime(due), computedAt: toIsoTime(now) };
    await Database.of(this.deps.dataSource).transaction((manager) =>
      manager.createQueryBuilder().insert().into(TicketSlaDueEntity).values(row).orUpdate(["due_at", "computed_at"], ["ticket_id"]).execute(),
    );
  }
}
