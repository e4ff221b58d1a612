import { In, MoreThan, type DataSource, type EntityManager } from "typeorm";
import { Database } from "../db/database";
import { EscalationAssertionEntity } from "../db/escalation-assertion.entity";
import { toIsoTime } from "../db/iso-time";
import { OutboxJobEntity, OutboxJobStatus } from "../db/outbox-job.entity";
import { ServiceRequestSyncEntity } from "../db/service-request-sync.entity";
import { TicketEntity } from "../db/ticket.entity";
import type { AssertionVault } from "./assertion-vault";

/** An outbox job leased by one worker; `attempts` includes this one. */
export type LeasedJob = Pick<OutboxJobEntity, "id" | "ticketId" | "kind" | "idempotencyKey" | "attempts"> & { payload: unknown };

/** The stored assertion of the agent on whose behalf a ticket's service request calls are made. */
export interface StoredAssertion {
  agentId: string;
  assertion: string;
  expiresAt: Date;
}

/**
 * The escalation workers' persistence: outbox leases (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so
 * several gateways never take the same job; SQLite: one writer, and the lease UPDATE re-checks
 * that the job is still due, so another process sharing the file cannot take it twice), job
 * outcomes guarded by the lease owner, reading and sweeping the agents' sealed assertions
 * (written only by the ticket store, with an accepted transition) and the sync bookkeeping.
 */
export class EscalationStore {
  private readonly database: Database;

  /** Without a vault no stored sign-in can be opened (and the sweep deletes every one). */
  constructor(
    dataSource: DataSource,
    private readonly vault?: AssertionVault,
  ) {
    this.database = Database.of(dataSource);
  }

  /**
   * Leases up to `limit` due jobs of `kinds` for `leaseMs`: pending jobs whose next attempt is
   * due, and leased jobs whose lease expired (their worker died). Each lease counts an attempt.
   */
  async leaseDueJobs(owner: string, kinds: readonly string[], now: Date, leaseMs: number, limit: number): Promise<LeasedJob[]> {
    if (kinds.length === 0 || limit <= 0) return [];
    const at = toIsoTime(now);
    const until = new Date(now.getTime() + leaseMs);
    const due = "((job.status = 'pending' AND job.next_attempt_at <= :at) OR (job.status = 'leased' AND job.lease_expires_at < :at)) AND job.kind IN (:...kinds)";
    const candidatesIn = (manager: EntityManager) =>
      manager.createQueryBuilder(OutboxJobEntity, "job").select("job.id").where(due, { at, kinds: [...kinds] }).orderBy("job.nextAttemptAt").limit(limit);
    // Most polls find nothing due: a read, which neither waits for writers nor holds them up.
    if ((await this.database.read((manager) => candidatesIn(manager).getCount())) === 0) return [];
    const rows = await this.database.transaction(async (manager) => {
      const candidates = candidatesIn(manager);
      if (manager.connection.options.type === "postgres") candidates.setLock("pessimistic_write").setOnLocked("skip_locked");
      const ids = (await candidates.getMany()).map((job) => job.id);
      if (ids.length === 0) return [];
      // Still due: the condition is re-checked in the UPDATE (another process on the same SQLite file).
      const stillDue = due.replaceAll("job.", "");
      await manager
        .createQueryBuilder()
        .update(OutboxJobEntity)
        .set({ status: OutboxJobStatus.LEASED, leaseOwner: owner, leaseExpiresAt: until, attempts: () => "attempts + 1", updatedAt: now })
        .where(`id IN (:...ids) AND ${stillDue}`, { ids, at, kinds: [...kinds] })
        .execute();
      return manager.find(OutboxJobEntity, { where: { id: In(ids), leaseOwner: owner, leaseExpiresAt: until, status: OutboxJobStatus.LEASED }, order: { nextAttemptAt: "ASC" } });
    });
    return rows.map(toLeasedJob);
  }

  /**
   * Records a job's outcome and releases the lease: done, failed (the retry budget is spent or the
   * failure is permanent), or pending again at `nextAttemptAt`. False when the lease was lost
   * (another worker took over).
   */
  async finish(
    job: LeasedJob,
    owner: string,
    { status, error, nextAttemptAt }: { status: OutboxJobStatus; error: string | null; nextAttemptAt?: Date },
    now: Date,
  ): Promise<boolean> {
    const result = await this.database.transaction((manager) =>
      manager.update(
        OutboxJobEntity,
        { id: job.id, leaseOwner: owner, status: OutboxJobStatus.LEASED },
        { status, ...(nextAttemptAt === undefined ? {} : { nextAttemptAt }), leaseOwner: null, leaseExpiresAt: null, lastError: error, updatedAt: now },
      ),
    );
    return result.affected === 1;
  }

  /** Whether the ticket has a note for Microsoft still waiting to be sent. */
  hasPendingJob(ticketId: string, kind: string): Promise<boolean> {
    return this.database.read((manager) =>
      manager.existsBy(OutboxJobEntity, { ticketId, kind, status: In([OutboxJobStatus.PENDING, OutboxJobStatus.LEASED]) }),
    );
  }

  /** The ticket's stored sign-in, opened; null when absent or when it cannot be opened (retired key, altered row). */
  async assertionFor(ticketId: string): Promise<StoredAssertion | null> {
    const row = await this.database.read((manager) => manager.findOneBy(EscalationAssertionEntity, { ticketId }));
    return row ? this.opened(row) : null;
  }

  /** The newest assertion still valid at `now` (any ticket): the desk's sign-in for background reads. */
  async newestValidAssertion(now: Date): Promise<StoredAssertion | null> {
    const rows = await this.database.read((manager) =>
      manager.find(EscalationAssertionEntity, { where: { expiresAt: MoreThan(now) }, order: { updatedAt: "DESC" }, take: 5 }),
    );
    for (const row of rows) {
      const opened = this.opened(row);
      if (opened) return opened;
    }
    return null;
  }

  /**
   * Deletes the sign-ins nobody needs any more: expired ones, those of tickets no longer escalated
   * (or gone), and those sealed with a key no longer in the ring (or not sealed at all). Returns
   * how many rows it deleted.
   */
  async sweepAssertions(now: Date): Promise<number> {
    const keyIds = this.vault?.keyIds ?? [];
    const sealedWithKnownKey = keyIds.map((_, i) => `assertion LIKE :key${i}`).join(" OR ") || "1 = 0";
    const keyPatterns = Object.fromEntries(keyIds.map((id, i) => [`key${i}`, `a1.${id}.%`]));
    const result = await this.database.transaction((manager) => {
      const escalated = manager.createQueryBuilder(TicketEntity, "t").select("t.id").where("t.state = :escalated");
      return manager
        .createQueryBuilder()
        .delete()
        .from(EscalationAssertionEntity)
        .where(`expires_at <= :now OR NOT (${sealedWithKnownKey}) OR ticket_id NOT IN (${escalated.getQuery()})`, {
          now: toIsoTime(now),
          escalated: "escalated",
          ...keyPatterns,
        })
        .execute();
    });
    return result.affected ?? 0;
  }

  private opened(row: EscalationAssertionEntity): StoredAssertion | null {
    const assertion = this.vault?.open(row.ticketId, row.agentId, row.assertion) ?? null;
    return assertion === null ? null : { agentId: row.agentId, assertion, expiresAt: row.expiresAt };
  }

  /** Records one sync of a ticket's service request (`lastSyncedAt`). */
  async recordSync(ticketId: string, serviceRequestId: string, upstreamStatus: string, error: string | null, now: Date): Promise<void> {
    await this.database.transaction((manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(ServiceRequestSyncEntity)
        .values({ ticketId, serviceRequestId, upstreamStatus, lastSyncedAt: now, lastError: error })
        .orUpdate(["service_request_id", "upstream_status", "last_synced_at", "last_error"], ["ticket_id"])
        .updateEntity(false)
        .execute(),
    );
  }

  async lastSync(ticketId: string): Promise<{ serviceRequestId: string; upstreamStatus: string; lastSyncedAt: Date; lastError: string | null } | null> {
    const row = await this.database.read((manager) => manager.findOneBy(ServiceRequestSyncEntity, { ticketId }));
    return row ? { serviceRequestId: row.serviceRequestId, upstreamStatus: row.upstreamStatus, lastSyncedAt: row.lastSyncedAt, lastError: row.lastError } : null;
  }
}

function toLeasedJob(row: OutboxJobEntity): LeasedJob {
  return { id: row.id, ticketId: row.ticketId, kind: row.kind, idempotencyKey: row.idempotencyKey, payload: row.payload, attempts: row.attempts };
}
