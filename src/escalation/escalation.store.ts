import type { DataSource } from "typeorm";
import { isSqlite, withDatabaseLock } from "../db/database-lock";
import { toIsoTime } from "../db/iso-time";
import type { AssertionVault } from "./assertion-vault";

/** An outbox job leased by one worker. */
export interface LeasedJob {
  id: string;
  ticketId: string;
  kind: string;
  idempotencyKey: string;
  payload: unknown;
  /** Attempts including this one. */
  attempts: number;
}

interface JobRow {
  id: string;
  ticket_id: string;
  kind: string;
  idempotency_key: string;
  payload: string;
  attempts: number | string;
}

interface AssertionRow {
  ticket_id: string;
  agent_id: string;
  assertion: string;
  expires_at: string;
}

/** The stored assertion of the agent on whose behalf a ticket's service request calls are made. */
export interface StoredAssertion {
  agentId: string;
  assertion: string;
  expiresAt: Date;
}

/**
 * The escalation workers' SQL: outbox leases (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several
 * gateways never take the same job; SQLite: a conditional UPDATE per job, inside the
 * process-wide database lock), job outcomes guarded by the lease owner, reading and sweeping the
 * agents' sealed assertions (written only by the ticket store, with an accepted transition) and the
 * sync bookkeeping. Raw SQL written once with `$n` placeholders for both databases.
 */
export class EscalationStore {
  /** Without a vault no stored sign-in can be opened (and the sweep deletes every one). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault?: AssertionVault,
  ) {}

  /**
   * Leases up to `limit` due jobs of `kinds` for `leaseMs`: pending jobs whose next attempt is
   * due, and leased jobs whose lease expired (their worker died). Each lease counts an attempt.
   */
  async leaseDueJobs(owner: string, kinds: readonly string[], now: Date, leaseMs: number, limit: number): Promise<LeasedJob[]> {
    const at = toIsoTime(now);
    const until = toIsoTime(new Date(now.getTime() + leaseMs));
    const kindList = kinds.map((_, i) => `$${i + 3}`).join(", ");
    const due = `((status = 'pending' AND next_attempt_at <= $1) OR (status = 'leased' AND lease_expires_at < $2)) AND kind IN (${kindList})`;
    if (!isSqlite(this.dataSource)) {
      const n = kinds.length + 3;
      const rows = await this.run<JobRow>(
        `UPDATE outbox_job SET status = 'leased', lease_owner = $${n + 1}, lease_expires_at = $${n + 2}, attempts = attempts + 1, updated_at = $${n + 3}
         WHERE id IN (SELECT id FROM outbox_job WHERE ${due} ORDER BY next_attempt_at LIMIT $${n} FOR UPDATE SKIP LOCKED)
         RETURNING id, ticket_id, kind, idempotency_key, payload, attempts`,
        [at, at, ...kinds, limit, owner, until, at],
      );
      return rows.records.map(toLeasedJob);
    }
    return withDatabaseLock(this.dataSource, async () => {
      const candidates = await this.run<JobRow>(
        `SELECT id FROM outbox_job WHERE ${due} ORDER BY next_attempt_at LIMIT $${kinds.length + 3}`,
        [at, at, ...kinds, limit],
      );
      const leased: LeasedJob[] = [];
      for (const { id } of candidates.records) {
        // Conditional: only if still due, so another process sharing the file cannot take it twice.
        const result = await this.run<JobRow>(
          `UPDATE outbox_job SET status = 'leased', lease_owner = $1, lease_expires_at = $2, attempts = attempts + 1, updated_at = $3
           WHERE id = $4 AND ((status = 'pending' AND next_attempt_at <= $5) OR (status = 'leased' AND lease_expires_at < $6))
           RETURNING id, ticket_id, kind, idempotency_key, payload, attempts`,
          [owner, until, at, id, at, at],
        );
        const row = result.records[0];
        if (row) leased.push(toLeasedJob(row));
      }
      return leased;
    });
  }

  /** The job is finished. False when the lease was lost (another worker took over). */
  complete(job: LeasedJob, owner: string, now: Date): Promise<boolean> {
    return this.finish(job, owner, "done", null, null, now);
  }

  /** The retry budget is spent or the failure is permanent. */
  fail(job: LeasedJob, owner: string, error: string, now: Date): Promise<boolean> {
    return this.finish(job, owner, "failed", null, error, now);
  }

  /** Back to pending, due at `nextAttemptAt`. */
  reschedule(job: LeasedJob, owner: string, nextAttemptAt: Date, error: string, now: Date): Promise<boolean> {
    return this.finish(job, owner, "pending", nextAttemptAt, error, now);
  }

  /** Whether the ticket has a note for Microsoft still waiting to be sent. */
  async hasPendingJob(ticketId: string, kind: string): Promise<boolean> {
    const result = await this.locked(() =>
      this.run<{ id: string }>(`SELECT id FROM outbox_job WHERE ticket_id = $1 AND kind = $2 AND status IN ('pending', 'leased') LIMIT 1`, [ticketId, kind]),
    );
    return result.records.length > 0;
  }

  /** The ticket's stored sign-in, opened; null when absent or when it cannot be opened (retired key, altered row). */
  async assertionFor(ticketId: string): Promise<StoredAssertion | null> {
    const result = await this.locked(() =>
      this.run<AssertionRow>(`SELECT ticket_id, agent_id, assertion, expires_at FROM escalation_assertion WHERE ticket_id = $1`, [ticketId]),
    );
    const row = result.records[0];
    return row ? this.opened(row) : null;
  }

  /** The newest assertion still valid at `now` (any ticket): the desk's sign-in for background reads. */
  async newestValidAssertion(now: Date): Promise<StoredAssertion | null> {
    const result = await this.locked(() =>
      this.run<AssertionRow>(
        `SELECT ticket_id, agent_id, assertion, expires_at FROM escalation_assertion WHERE expires_at > $1 ORDER BY updated_at DESC LIMIT 5`,
        [toIsoTime(now)],
      ),
    );
    for (const row of result.records) {
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
    const sealedWithKnownKey = keyIds.map((_, i) => `assertion LIKE $${i + 2}`).join(" OR ") || "FALSE";
    const result = await this.locked(() =>
      this.run(
        `DELETE FROM escalation_assertion WHERE expires_at <= $1 OR NOT (${sealedWithKnownKey})
           OR ticket_id NOT IN (SELECT id FROM ticket WHERE state = 'escalated')`,
        [toIsoTime(now), ...keyIds.map((id) => `a1.${id}.%`)],
      ),
    );
    return result.affected;
  }

  private opened(row: AssertionRow): StoredAssertion | null {
    const assertion = this.vault?.open(row.ticket_id, row.agent_id, row.assertion) ?? null;
    return assertion === null ? null : { agentId: row.agent_id, assertion, expiresAt: new Date(row.expires_at) };
  }

  /** Records one sync of a ticket's service request (`lastSyncedAt`). */
  async recordSync(ticketId: string, serviceRequestId: string, upstreamStatus: string, error: string | null, now: Date): Promise<void> {
    await this.locked(() =>
      this.run(
        `INSERT INTO service_request_sync (ticket_id, service_request_id, upstream_status, last_synced_at, last_error) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (ticket_id) DO UPDATE SET service_request_id = excluded.service_request_id, upstream_status = excluded.upstream_status,
           last_synced_at = excluded.last_synced_at, last_error = excluded.last_error`,
        [ticketId, serviceRequestId, upstreamStatus, toIsoTime(now), error],
      ),
    );
  }

  async lastSync(ticketId: string): Promise<{ serviceRequestId: string; upstreamStatus: string; lastSyncedAt: Date; lastError: string | null } | null> {
    const result = await this.locked(() =>
      this.run<{ service_request_id: string; upstream_status: string; last_synced_at: string; last_error: string | null }>(
        `SELECT service_request_id, upstream_status, last_synced_at, last_error FROM service_request_sync WHERE ticket_id = $1`,
        [ticketId],
      ),
    );
    const row = result.records[0];
    return row
      ? { serviceRequestId: row.service_request_id, upstreamStatus: row.upstream_status, lastSyncedAt: new Date(row.last_synced_at), lastError: row.last_error }
      : null;
  }

  private async finish(job: LeasedJob, owner: string, status: string, nextAttemptAt: Date | null, error: string | null, now: Date): Promise<boolean> {
    const at = toIsoTime(now);
    const result = await this.locked(() =>
      this.run(
        `UPDATE outbox_job SET status = $1, next_attempt_at = COALESCE($2, next_attempt_at), lease_owner = NULL, lease_expires_at = NULL,
           last_error = $3, updated_at = $4 WHERE id = $5 AND lease_owner = $6 AND status = 'leased'`,
        [status, nextAttemptAt === null ? null : toIsoTime(nextAttemptAt), error, at, job.id, owner],
      ),
    );
    return result.affected === 1;
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withDatabaseLock(this.dataSource, fn);
  }

  private async run<T>(sql: string, params: unknown[]): Promise<{ records: T[]; affected: number }> {
    const sqlite = isSqlite(this.dataSource);
    const runner = this.dataSource.createQueryRunner();
    try {
      // better-sqlite3 binds positional `?`; every statement here uses each $n once, in order.
      const result = await runner.query(sqlite ? sql.replace(/\$\d+/g, "?") : sql, params, true);
      const records = Array.isArray(result.records) ? (result.records as T[]) : [];
      return { records, affected: result.affected ?? records.length };
    } finally {
      if (!sqlite) await runner.release();
    }
  }
}

function toLeasedJob(row: JobRow): LeasedJob {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind,
    idempotencyKey: row.idempotency_key,
    payload: JSON.parse(row.payload) as unknown,
    attempts: Number(row.attempts),
  };
}
