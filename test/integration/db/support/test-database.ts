import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { createDataSource, openDatabase } from "../../../../src/db/data-source";
import type { DatabaseOptions } from "../../../../src/db/data-source";
import type { TicketStore } from "../../../../src/tickets/ticket.store";
import type { AppendTransitionArgs, NewAuditEvent, NewTicket, TicketRecord } from "../../../../src/tickets/ticket-store.types";

/** Every DB test runs on both databases. */
export type DbKind = "sqlite" | "postgres";
export const dbKinds: readonly DbKind[] = ["sqlite", "postgres"];

/** A fresh, empty database: a temp SQLite file, or a fresh PostgreSQL schema. */
export interface EmptyTestDatabase {
  readonly kind: DbKind;
  readonly url: string;
  readonly options: DatabaseOptions;
  /** Removes the file / drops the schema. */
  dispose(): Promise<void>;
}

/** TEST_POSTGRES_URL alone when set; otherwise the local trust-auth users CI and developers have. */
const postgresCandidates = (): string[] =>
  process.env.TEST_POSTGRES_URL
    ? [process.env.TEST_POSTGRES_URL]
    : ["postgres://postgres@127.0.0.1:5432/test", "postgres://root@127.0.0.1:5432/test"];

/** Connects as the first user that works, or fails loudly: CI starts PostgreSQL, nothing is skipped. */
async function connectPostgresAdmin(): Promise<{ client: Client; url: string }> {
  const failures: string[] = [];
  for (const url of postgresCandidates()) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      return { client, url };
    } catch (error) {
      failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(
    `PostgreSQL is required for these tests but is not reachable (${failures.join("; ")}). ` +
      "Start it on 127.0.0.1:5432 with trust auth and a database named test, or set TEST_POSTGRES_URL.",
  );
}

/** Creates an empty database of `kind` for one test file (or one test). */
export async function createEmptyTestDatabase(kind: DbKind): Promise<EmptyTestDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "psg-db-"));
    return {
      kind,
      url: `sqlite:${path.join(dir, "nested", "gateway.db")}`,
      options: {},
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { client, url } = await connectPostgresAdmin();
  const schema = `psg_t_${randomBytes(6).toString("hex")}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  return {
    kind,
    url,
    options: { schema },
    dispose: async () => {
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** An empty database opened and migrated; `close()` destroys the DataSource and the database. */
export async function openTestDatabase(kind: DbKind): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  const empty = await createEmptyTestDatabase(kind);
  const dataSource = await openDatabase(empty.url, empty.options);
  return {
    dataSource,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await empty.dispose();
    },
  };
}

/** A DataSource on the same database that does not run migrations (for migration tests). */
export function createUnmigratedDataSource(empty: EmptyTestDatabase): DataSource {
  return createDataSource(empty.url, { ...empty.options, migrationsRun: false });
}

/** Factory: a valid new ticket; override what the test cares about. */
export function aNewTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    customerId: "11111111-1111-4111-8111-111111111111",
    title: "Outlook cannot connect",
    description: "Users in the Paris office cannot open their mailboxes since 09:00.",
    category: "technical",
    product: "microsoft365",
    severity: "moderate",
    channel: "email",
    state: "intake",
    statePath: "intake",
    assigneeId: null,
    snapshot: { status: "active", value: "intake", context: { notes: [] } },
    machineVersion: 1,
    idempotencyKey: null,
    requestFingerprint: null,
    createdBy: "agent-1",
    createdAt: new Date("2025-03-01T09:00:00.000Z"),
    ...overrides,
  };
}

/** Factory: a valid audit event; override what the test cares about. */
export function anAuditEvent(overrides: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    type: "TICKET_OPENED",
    fromState: "none",
    toState: "intake",
    actor: { id: "agent-1", displayName: "Ada Agent", role: "HELPDESK_AGENT" },
    payload: { channel: "email" },
    at: new Date("2025-03-01T09:00:00.000Z"),
    machineVersion: 1,
    ...overrides,
  };
}

export const newId = (): string => randomUUID();

/** Factory: a transition intake -> diagnosis from `ticket`'s current version; override what the test cares about. */
export const startDiagnosis = (ticket: TicketRecord, overrides: Partial<AppendTransitionArgs> = {}): AppendTransitionArgs => ({
  ticketId: ticket.id,
  expectedVersion: ticket.version,
  changes: {
    snapshot: { status: "active", value: "diagnosis", context: { notes: [] } },
    state: "diagnosis",
    statePath: "diagnosis",
    assigneeId: "agent-2",
    updatedAt: new Date("2025-03-01T09:05:00.000Z"),
  },
  event: anAuditEvent({
    type: "START_DIAGNOSIS",
    fromState: "intake",
    toState: "diagnosis",
    payload: { assigneeId: "agent-2" },
    at: new Date("2025-03-01T09:05:00.000Z"),
  }),
  ...overrides,
});

/** A ticket stored through `store` (fails the test if it is not created). */
export async function createdTicket(store: TicketStore, overrides: Parameters<typeof aNewTicket>[0] = {}): Promise<TicketRecord> {
  const result = await store.createTicket(aNewTicket(overrides), anAuditEvent());
  if (result.outcome !== "created") throw new Error("expected a new ticket");
  return result.ticket;
}

/** The reason `promise` rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}
