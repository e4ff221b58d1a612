import { randomUUID } from "node:crypto";
import { In, LessThan, type DataSource, type EntityManager } from "typeorm";
import { Database } from "../db/database";
import { insertIfNew } from "../db/insert-new";
import { toIsoTime } from "../db/iso-time";
import { decodeKeysetCursor, encodeCursor } from "../pagination/opaque-cursor";
import { AlertDeliveryEntity, AlertDeliveryStatus } from "./alert-delivery.entity";
import type { AlertPayload } from "./alert-payload";
import { AlertRuleChangeEntity } from "./alert-rule-change.entity";
import { AlertRuleEntity } from "./alert-rule.entity";
import type { AlertRule, AlertRuleInput } from "./alert-rule";
import { AlertEntity } from "./alert.entity";
import { AlertSourceCursorEntity } from "./alert-source-cursor.entity";
import type { AlertChannel } from "./alert-destination";
import type { AlertKind, AlertSeverity } from "./alert-kind";

/** One (alert, destination) delivery leased by a worker; `attempts` includes this one. */
export type AlertDeliveryJob = Pick<AlertDeliveryEntity, "alertId" | "destination" | "attempts">;

/** Due: pending and its next attempt has come, and nobody holds a live lease on it. */
const DUE = "d.status = 'pending' AND d.next_attempt_at <= :at AND (d.lease_owner IS NULL OR d.lease_expires_at < :at)";

/** A stored alert with its acknowledgement. */
export interface StoredAlert {
  payload: AlertPayload;
  raisedAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

/** The columns of a delivery's log (what `Alert.deliveries` shows; the lease is not part of it). */
const DELIVERY_LOG = {
  alertId: true, destination: true, channel: true, status: true, attempts: true, lastError: true, lastAttemptAt: true, deliveredAt: true,
} as const;
export type AlertDeliveryLog = Pick<AlertDeliveryEntity, keyof typeof DELIVERY_LOG>;

export interface AlertFilter {
  kinds?: readonly string[];
  customerIds?: readonly string[];
  acknowledged?: boolean;
  /** The caller's reach: alerts of these customers, plus alerts of `alwaysKinds` for any customer. */
  scope?: { customerIds: readonly string[]; alwaysKinds: readonly string[] };
}

/** Who changed a rule (stored with the change). */
export interface RuleEditor {
  id: string;
  role: string;
}

const CURSOR_SCOPE = "alerts";

/**
 * Alert persistence: raising (alert row, one delivery log row and one outbox job per destination,
 * in one transaction), the feed, acknowledgements, delivery logs and the rules with their audit.
 */
export class AlertStore {
  private readonly database: Database;

  constructor(dataSource: DataSource) {
    this.database = Database.of(dataSource);
  }

  /**
   * Stores the alert and enqueues its deliveries, unless an alert with its id exists (raised before,
   * maybe by another instance): then nothing is written and the answer is false.
   */
  raise(payload: AlertPayload, destinations: readonly { name: string; channel: AlertChannel }[], now: Date): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const row: AlertEntity = {
        id: payload.id,
        kind: payload.kind,
        severity: payload.severity,
        customerId: payload.customer.id,
        ticketId: payload.ticket?.id ?? null,
        occurredAt: new Date(payload.occurredAt),
        raisedAt: now,
        payload,
        acknowledgedBy: null,
        acknowledgedAt: null,
      };
      if (!(await insertIfNew(manager, AlertEntity, row))) return false;
      for (const destination of destinations) await enqueueDelivery(manager, payload, destination, now);
      return true;
    });
  }

  /** Which of `ids` are stored already. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.database.read((manager) => manager.find(AlertEntity, { select: { id: true }, where: { id: In([...ids]) } }));
    return new Set(rows.map((row) => row.id));
  }

  async get(id: string): Promise<StoredAlert | null> {
    const row = await this.database.read((manager) => manager.findOneBy(AlertEntity, { id }));
    return row ? toStoredAlert(row) : null;
  }

  /** The feed, newest first, keyset-paged (`after` is the previous page's end cursor). */
  async list(filter: AlertFilter, first: number, after: string | null): Promise<{ items: { alert: StoredAlert; cursor: string }[]; hasNextPage: boolean; totalCount: number }> {
    const [rows, totalCount] = await this.database.read(async (manager) => {
      const filtered = () => {
        const query = manager.createQueryBuilder(AlertEntity, "alert");
        if (filter.kinds !== undefined) query.andWhere(filter.kinds.length === 0 ? "1 = 0" : "alert.kind IN (:...kinds)", { kinds: [...filter.kinds] });
        if (filter.customerIds !== undefined) query.andWhere(filter.customerIds.length === 0 ? "1 = 0" : "alert.customer_id IN (:...customers)", { customers: [...filter.customerIds] });
        if (filter.acknowledged === true) query.andWhere("alert.acknowledged_at IS NOT NULL");
        if (filter.acknowledged === false) query.andWhere("alert.acknowledged_at IS NULL");
        if (filter.scope !== undefined) {
          const reach = [filter.scope.customerIds.length > 0 ? "alert.customer_id IN (:...reachable)" : null, filter.scope.alwaysKinds.length > 0 ? "alert.kind IN (:...alwaysKinds)" : null].filter(Boolean);
          query.andWhere(reach.length === 0 ? "1 = 0" : `(${reach.join(" OR ")})`, { reachable: [...filter.scope.customerIds], alwaysKinds: [...filter.scope.alwaysKinds] });
        }
        return query;
      };
      const query = filtered().orderBy("alert.raised_at", "DESC").addOrderBy("alert.id", "DESC").limit(first + 1);
      if (after !== null) {
        const { sortValue, id } = decodeKeysetCursor(CURSOR_SCOPE, after);
        query.andWhere("(alert.raised_at < :raisedAt OR (alert.raised_at = :raisedAt AND alert.id < :id))", { raisedAt: sortValue, id });
      }
      return Promise.all([query.getMany(), filtered().getCount()]);
    });
    const items = rows.slice(0, first).map((row) => ({ alert: toStoredAlert(row), cursor: encodeCursor(CURSOR_SCOPE, toIsoTime(row.raisedAt), row.id) }));
    return { items, hasNextPage: rows.length > first, totalCount };
  }

  /** Acknowledges once: a second acknowledgement keeps the first agent and time. Null when there is no such alert. */
  acknowledge(id: string, agentId: string, now: Date): Promise<StoredAlert | null> {
    return this.database.transaction(async (manager) => {
      const row = await manager.findOneBy(AlertEntity, { id });
      if (!row) return null;
      if (row.acknowledgedAt === null) {
        await manager.update(AlertEntity, { id }, { acknowledgedBy: agentId, acknowledgedAt: now });
        row.acknowledgedBy = agentId;
        row.acknowledgedAt = now;
      }
      return toStoredAlert(row);
    });
  }

  async deliveriesOf(alertIds: readonly string[]): Promise<AlertDeliveryLog[]> {
    if (alertIds.length === 0) return [];
    return this.database.read((manager) =>
      manager.find(AlertDeliveryEntity, {
        select: DELIVERY_LOG,
        where: { alertId: In([...alertIds]) },
        order: { alertId: "ASC", destination: "ASC" },
      }),
    );
  }

  /**
   * Leases up to `limit` due deliveries for `leaseMs` (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so
   * two gateways never take the same one; SQLite: one writer, and the UPDATE re-checks that it is
   * still due). A lease that expired (its worker died) makes the delivery due again. Each lease
   * counts an attempt.
   */
  async leaseDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<AlertDeliveryJob[]> {
    const at = toIsoTime(now);
    const until = new Date(now.getTime() + leaseMs);
    return this.database.transaction(async (manager) => {
      const candidates = manager.createQueryBuilder(AlertDeliveryEntity, "d").select(["d.alertId", "d.destination"]).where(DUE, { at }).orderBy("d.nextAttemptAt").limit(limit);
      if (manager.connection.options.type === "postgres") candidates.setLock("pessimistic_write").setOnLocked("skip_locked");
      const leased: AlertDeliveryJob[] = [];
      for (const row of await candidates.getMany()) {
        const result = await manager
          .createQueryBuilder()
          .update(AlertDeliveryEntity)
          .set({ leaseOwner: owner, leaseExpiresAt: until, attempts: () => "attempts + 1" })
          .where(`alert_id = :alertId AND destination = :destination AND ${DUE.replaceAll("d.", "")}`, { alertId: row.alertId, destination: row.destination, at })
          .execute();
        if (result.affected !== 1) continue;
        const current = await manager.findOneByOrFail(AlertDeliveryEntity, { alertId: row.alertId, destination: row.destination });
        leased.push({ alertId: current.alertId, destination: current.destination, attempts: current.attempts });
      }
      return leased;
    });
  }

  /**
   * Records an attempt's outcome and releases the lease: delivered, failed for good, or pending
   * again at `nextAttemptAt`. False when the lease was lost (another worker took over).
   */
  async finish(job: AlertDeliveryJob, owner: string, outcome: { status: AlertDeliveryStatus; error: string | null; nextAttemptAt?: Date }, now: Date): Promise<boolean> {
    const result = await this.database.transaction((manager) =>
      manager.update(
        AlertDeliveryEntity,
        { alertId: job.alertId, destination: job.destination, leaseOwner: owner, status: AlertDeliveryStatus.PENDING },
        {
          status: outcome.status,
          lastError: outcome.error,
          lastAttemptAt: now,
          leaseOwner: null,
          leaseExpiresAt: null,
          ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
          ...(outcome.status === AlertDeliveryStatus.DELIVERED ? { deliveredAt: now } : {}),
        },
      ),
    );
    return result.affected === 1;
  }

  /** Deliveries not delivered or given up yet (tests, metrics). */
  pendingDeliveries(): Promise<number> {
    return this.database.read((manager) => manager.countBy(AlertDeliveryEntity, { status: AlertDeliveryStatus.PENDING }));
  }

  /** How far `source` has been processed; null before its first anchor. */
  async cursor(source: string): Promise<number | null> {
    const row = await this.database.read((manager) => manager.findOneBy(AlertSourceCursorEntity, { source }));
    return row?.position ?? null;
  }

  /** Sets `source`'s cursor unless it has one (the first instance to anchor it wins); answers the stored position. */
  anchorCursor(source: string, position: number, now: Date): Promise<number> {
    return this.database.transaction(async (manager) => {
      await insertIfNew(manager, AlertSourceCursorEntity, { source, position, updatedAt: now });
      return (await manager.findOneByOrFail(AlertSourceCursorEntity, { source })).position;
    });
  }

  /** Moves `source`'s cursor forward to `position`; never back (another instance may be further). */
  async advanceCursor(source: string, position: number, now: Date): Promise<void> {
    await this.database.transaction((manager) => manager.update(AlertSourceCursorEntity, { source, position: LessThan(position) }, { position, updatedAt: now }));
  }

  async rules(): Promise<AlertRule[]> {
    const rows = await this.database.read((manager) => manager.find(AlertRuleEntity, { order: { id: "ASC" } }));
    return rows.map(toRule);
  }

  /**
   * Seeds rules from a file: a rule id not stored yet is inserted (source FILE); a stored one is
   * left as it is, so edits made over GraphQL survive restarts.
   */
  seedRules(rules: readonly AlertRuleInput[], now: Date): Promise<number> {
    return this.database.transaction(async (manager) => {
      let seeded = 0;
      for (const rule of rules) {
        const row: AlertRuleEntity = { ...rule, source: "FILE", updatedBy: "system:rules-file", updatedAt: now };
        if (await insertIfNew(manager, AlertRuleEntity, row)) {
          seeded += 1;
          await recordChange(manager, rule.id, "CREATED", { id: "system:rules-file", role: "SYSTEM" }, null, toRule(row), now);
        }
      }
      return seeded;
    });
  }

  /** Creates or replaces a rule and audits the change (before and after). */
  saveRule(rule: AlertRuleInput, editor: RuleEditor, now: Date): Promise<AlertRule> {
    return this.database.transaction(async (manager) => {
      const before = await manager.findOneBy(AlertRuleEntity, { id: rule.id });
      const row: AlertRuleEntity = { ...rule, source: before?.source ?? "API", updatedBy: editor.id, updatedAt: now };
      await manager.save(AlertRuleEntity, row);
      await recordChange(manager, rule.id, before ? "UPDATED" : "CREATED", editor, before ? toRule(before) : null, toRule(row), now);
      return toRule(row);
    });
  }

  /** Deletes a rule (audited); false when there was none. */
  deleteRule(id: string, editor: RuleEditor, now: Date): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const before = await manager.findOneBy(AlertRuleEntity, { id });
      if (!before) return false;
      await manager.delete(AlertRuleEntity, { id });
      await recordChange(manager, id, "DELETED", editor, toRule(before), null, now);
      return true;
    });
  }
}

async function enqueueDelivery(manager: EntityManager, payload: AlertPayload, destination: { name: string; channel: AlertChannel }, now: Date): Promise<void> {
  await manager.insert(AlertDeliveryEntity, {
    alertId: payload.id,
    destination: destination.name,
    channel: destination.channel,
    status: AlertDeliveryStatus.PENDING,
    attempts: 0,
    lastError: null,
    lastAttemptAt: null,
    deliveredAt: null,
    nextAttemptAt: now,
    leaseOwner: null,
    leaseExpiresAt: null,
    createdAt: now,
  });
}

async function recordChange(
  manager: EntityManager,
  ruleId: string,
  action: AlertRuleChangeEntity["action"],
  editor: RuleEditor,
  before: AlertRule | null,
  after: AlertRule | null,
  at: Date,
): Promise<void> {
  await manager.insert(AlertRuleChangeEntity, { id: randomUUID(), ruleId, action, agentId: editor.id, agentRole: editor.role, before, after, at });
}

function toStoredAlert(row: AlertEntity): StoredAlert {
  return { payload: row.payload as AlertPayload, raisedAt: row.raisedAt, acknowledgedBy: row.acknowledgedBy, acknowledgedAt: row.acknowledgedAt };
}

function toRule(row: AlertRuleEntity): AlertRule {
  return {
    id: row.id,
    name: row.name,
    kinds: row.kinds as AlertKind[],
    destinations: row.destinations,
    customerScope: row.customerScope,
    customerIds: row.customerIds,
    minSeverity: row.minSeverity as AlertSeverity,
    enabled: row.enabled,
  };
}
