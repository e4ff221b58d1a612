import { parse, type DocumentNode } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { AfterQueryEvent, EntitySubscriberInterface } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";

// A guard for the write path's cost: adding a note must read a bounded number of rows whatever
// the ticket's history (the SLA-due projection once re-read and re-folded every event per note,
// 200 ms per note at 400 notes). Counted in rows the database answers, not in milliseconds.

const doc = <TData = any, TVars = any>(source: string) => parse(source) as DocumentNode as TypedDocumentNode<TData, TVars>;
const OPEN = doc(`mutation($input: OpenTicketInput!) { openTicket(input: $input) { id version } }`);
const START = doc(`mutation($id: ID!) { startDiagnosis(id: $id) { id version } }`);
const NOTE = doc(`mutation($id: ID!, $note: String!) { addDiagnosisNote(id: $id, note: $note) { id version } }`);

/** Rows answered by every statement of the gateway's database (writer and SQLite reader), and those of ticket_event. */
class RowCounter implements EntitySubscriberInterface {
  rows = 0;
  eventRows = 0;
  statements = 0;
  afterQuery(event: AfterQueryEvent): void {
    const raw = event.rawResults as unknown;
    const rows = Array.isArray(raw) ? raw.length : Array.isArray((raw as { rows?: unknown } | null)?.rows) ? (raw as { rows: unknown[] }).rows.length : 0;
    this.statements += 1;
    this.rows += rows;
    if (/\bticket_event\b/.test(event.query)) this.eventRows += rows;
  }
}

const WINDOW = 10;

describe.each<TestDatabaseKind>(["sqlite", "postgres"])("cost of a note on %s", (database) => {
  let gw: TestGateway;
  const counter = new RowCounter();

  beforeAll(async () => {
    // Periodic sweeps read every open ticket's events by design; this counts what a note costs.
    // Alerts on (their hook on committed events runs), their periodic scans off.
    gw = await startTestGateway({ database, env: { SLA_SWEEP_INTERVAL_MS: "86400000", ALERTS: "on", ALERT_WORKERS: "off" } });
    gw.app.dataSource.subscribers.push(counter);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("reads as many rows per note after 100 notes as after 10", async () => {
    const customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    const opened = await gw.gql(OPEN, {
      input: { customerId, title: "Mail flow stopped", description: "No external mail.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" },
    });
    expect(opened.errors).toEqual([]);
    const id = opened.data.openTicket.id as string;
    expect((await gw.gql(START, { id })).errors).toEqual([]);
    const note = async (i: number) => {
      const result = await gw.gql(NOTE, { id, note: `Observation ${i} ${"n".repeat(2_000)}` });
      if (result.errors.length > 0) throw new Error(JSON.stringify(result.errors));
    };
    const window = async (from: number) => {
      const before = { ...counter };
      for (let i = from; i < from + WINDOW; i++) await note(i);
      return { rows: (counter.rows - before.rows) / WINDOW, eventRows: (counter.eventRows - before.eventRows) / WINDOW, statements: (counter.statements - before.statements) / WINDOW };
    };
    for (let i = 0; i < 10; i++) await note(i);
    const early = await window(10);
    for (let i = 20; i < 100; i++) await note(i);
    const late = await window(100);
    console.log(`[${database}] per note at 10 notes: ${JSON.stringify(early)}; at 100 notes: ${JSON.stringify(late)}`);
    // The write reads no event on SQLite and answers its own row on PostgreSQL (INSERT ... RETURNING); nothing reads the history.
    expect(late.eventRows).toBeLessThanOrEqual(2);
    expect(late.rows).toBeLessThanOrEqual(early.rows + 1);
    expect(late.statements).toBeLessThanOrEqual(early.statements + 1);
  }, 120_000);
});
