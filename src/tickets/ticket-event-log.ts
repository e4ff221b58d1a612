import type { DataSource, EntityManager } from "typeorm";
import { Database } from "../db/database";
import { TicketEventEntity } from "../db/ticket-event.entity";
import { TicketEntity } from "../db/ticket.entity";
import { toStoredTicketEvent } from "./ticket-store.mapper";
import type { StoredTicketEvent, TicketRecord } from "./ticket-store.types";

/** Which events a replay reads; absent fields do not filter. */
export interface EventLogFilter {
  readonly ticketId?: string;
  readonly customerId?: string;
}

/**
 * Reads of the audit log in its global order (issue 16: resuming live events) and tickets by id in
 * one query (TicketEvent.ticket's batch). Kept beside TicketStore, not in it, while the stores are
 * being rewritten; each method is one QueryBuilder query.
 */
export class TicketEventLog {
  constructor(private readonly dataSource: DataSource) {}

  /** The highest global sequence committed so far (0 before the first event). */
  async head(): Promise<number> {
    return Database.of(this.dataSource).read(async (manager) => {
      const row = await manager
        .createQueryBuilder(TicketEventEntity, "e")
        .select("MAX(e.globalSequence)", "head")
        .getRawOne<{ head: number | string | null }>();
      return Number(row?.head ?? 0);
    });
  }

  /** Events with `after < globalSequence <= upTo`, in global order, at most `limit`. */
  async eventsAfter(after: number, options: { upTo: number; limit: number } & EventLogFilter): Promise<StoredTicketEvent[]> {
    return Database.of(this.dataSource).read(async (manager) => {
      const rows = await eventsBetween(manager, after, options).orderBy("e.globalSequence", "ASC").limit(options.limit).getMany();
      return rows.map(toStoredTicketEvent);
    });
  }

  /** The events with `after < globalSequence`, matching `filter`, counted (bounds a replay). */
  async countAfter(after: number, options: { upTo: number } & EventLogFilter): Promise<number> {
    return Database.of(this.dataSource).read((manager) => eventsBetween(manager, after, options).getCount());
  }

  /** The tickets with these ids (missing ones absent), in one query. */
  async ticketsByIds(ids: readonly string[]): Promise<TicketRecord[]> {
    if (ids.length === 0) return [];
    return Database.of(this.dataSource).read((manager) =>
      manager.createQueryBuilder(TicketEntity, "t").where("t.id IN (:...ids)", { ids: [...ids] }).getMany(),
    );
  }
}

/** The events with `after < globalSequence <= upTo` that match the filter. */
function eventsBetween(manager: EntityManager, after: number, options: { upTo: number } & EventLogFilter) {
  const qb = manager
    .createQueryBuilder(TicketEventEntity, "e")
    .where("e.globalSequence > :after AND e.globalSequence <= :upTo", { after, upTo: options.upTo });
  if (options.ticketId !== undefined) qb.andWhere("e.ticketId = :ticketId", { ticketId: options.ticketId });
  if (options.customerId !== undefined) qb.andWhere("e.customerId = :customerId", { customerId: options.customerId });
  return qb;
}
