import { parse, type DocumentNode } from "graphql";
import { TICKET_STATE_PATHS } from "../../machines";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAnchoredAuditTrail } from "../../src/tickets/audit-verifier";
import { TicketStore } from "../../src/tickets/ticket.store";
import { MAX_INPUT_LIST_ITEMS } from "../../src/graphql/input-list-limit";
import { expectNoInternalErrors, startTestGateway, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";

// Issue 14.6: a ticket's snapshot stays small whatever its history, list inputs are bounded, and a
// write without expectedVersion is serialised instead of failing with a conflict nobody asked for.

const doc = <TData = any, TVars = any>(source: string) => parse(source) as DocumentNode as TypedDocumentNode<TData, TVars>;
const OPEN = doc(`mutation($input: OpenTicketInput!) { openTicket(input: $input) { id version } }`);
const START = doc(`mutation($id: ID!) { startDiagnosis(id: $id) { id version } }`);
const NOTE = doc(`mutation($id: ID!, $v: Int, $note: String!) { addDiagnosisNote(id: $id, expectedVersion: $v, note: $note) { id version } }`);
const ASK = doc(`mutation($id: ID!, $q: String!) { requestCustomerInfo(id: $id, question: $q) { id version } }`);
const REPLY = doc(`mutation($id: ID!, $r: String!) { recordCustomerReply(id: $id, reply: $r) { id version } }`);
const NOTES = doc(`query($id: ID!) { ticket(id: $id) { version availableEvents notes { kind text at author { id } } } }`);
const TICKETS = doc(`query($filter: TicketFilter) { tickets(filter: $filter, first: 5) { totalCount } }`);

describe.each<TestDatabaseKind>(["sqlite", "postgres"])("bounded growth on %s", (database) => {
  let gw: TestGateway;
  let customerId: string;

  beforeAll(async () => {
    gw = await startTestGateway({ database });
    customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function ticketInDiagnosis(): Promise<string> {
    const opened = await gw.gql(OPEN, {
      input: { customerId, title: "Mail flow stopped", description: "No external mail since 08:00.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" },
    });
    expect(opened.errors).toEqual([]);
    const id = opened.data.openTicket.id as string;
    expect((await gw.gql(START, { id })).errors).toEqual([]);
    return id;
  }

  const snapshotBytes = async (id: string): Promise<number> => {
    const rows = (await gw.app.dataSource.query(
      database === "postgres" ? "SELECT snapshot FROM ticket WHERE id = $1" : "SELECT snapshot FROM ticket WHERE id = ?",
      [id],
    )) as { snapshot: string }[];
    return Buffer.byteLength(rows[0]!.snapshot);
  };

  it("accepts 20 concurrent notes without expectedVersion, and still refuses a stale expectedVersion", async () => {
    const id = await ticketInDiagnosis();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gw.gql(NOTE, { id, note: `Concurrent observation ${i}` })),
    );
    for (const result of results) expectNoInternalErrors(result);
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    const versions = results.map((result) => result.data.addDiagnosisNote.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));

    const stale = await gw.gql(NOTE, { id, v: 2, note: "Written against an old read" });
    expect(stale.errors[0]?.extensions).toMatchObject({ code: "VERSION_CONFLICT", currentVersion: 22 });
    const notes = (await gw.gql(NOTES, { id })).data.ticket.notes as { text: string }[];
    expect(notes.map((note) => note.text).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Concurrent observation ${i}`).sort());
  });

  it("keeps the stored snapshot small across 400 notes of 10,000 characters, and lists them all in order", async () => {
    const id = await ticketInDiagnosis();
    const bytesBefore = await snapshotBytes(id);
    const timings: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      const started = performance.now();
      const result = await gw.gql(NOTE, { id, note: `${String(i).padStart(4, "0")} ${"n".repeat(9_995)}` });
      timings.push(performance.now() - started);
      if (result.errors.length > 0) throw new Error(JSON.stringify(result.errors));
    }
    const bytesAfter = await snapshotBytes(id);
    // The counter's digits and updatedAt are all that grows; 4 MB of text stays in the events.
    expect(bytesAfter).toBeLessThan(4_000);
    expect(bytesAfter - bytesBefore).toBeLessThan(100);
    const last = timings.slice(-20).reduce((a, b) => a + b, 0) / 20;
    const first = timings.slice(0, 20).reduce((a, b) => a + b, 0) / 20;
    console.log(`[${database}] snapshot ${bytesBefore} -> ${bytesAfter} bytes; ms per note: first 20 ${first.toFixed(1)}, last 20 ${last.toFixed(1)}`);

    expect((await gw.gql(ASK, { id, q: "Which senders fail?" })).errors).toEqual([]);
    expect((await gw.gql(REPLY, { id, r: "All external senders." })).errors).toEqual([]);
    const ticket = (await gw.gql(NOTES, { id })).data.ticket;
    const notes = ticket.notes as { kind: string; text: string; at: string }[];
    expect(notes).toHaveLength(402);
    expect(notes.slice(0, 400).map((note) => note.text.slice(0, 4))).toEqual(Array.from({ length: 400 }, (_, i) => String(i).padStart(4, "0")));
    expect(notes.slice(0, 400).every((note) => note.kind === "DIAGNOSIS_NOTE" && note.text.length === 10_000)).toBe(true);
    expect(notes.slice(400).map((note) => [note.kind, note.text])).toEqual([["QUESTION", "Which senders fail?"], ["REPLY", "All external senders."]]);
    expect(ticket.availableEvents).toContain("ESCALATE");
    const report = await verifyAnchoredAuditTrail(new TicketStore(gw.app.dataSource), { ticketId: id });
    expect(report.failure).toBeNull();
  }, 240_000);

  it(`refuses a filter list longer than ${MAX_INPUT_LIST_ITEMS} with BAD_USER_INPUT, not INTERNAL`, async () => {
    const huge = await gw.gql(TICKETS, { filter: { stateValue: Array.from({ length: 40_000 }, (_, i) => `state${i}`) } }, { role: "SUPPORT_LEAD" });
    expectNoInternalErrors(huge);
    expect(huge.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.stateValue" });
    const enums = await gw.gql(TICKETS, { filter: { state: Array.from({ length: 40_000 }, () => "DIAGNOSIS") } }, { role: "SUPPORT_LEAD" });
    expect(enums.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.state" });
    // At the limit the list is served (its values must be real state paths: unknown ones are refused, issue 16).
    const atLimit = await gw.gql(TICKETS, { filter: { stateValue: Array.from({ length: MAX_INPUT_LIST_ITEMS }, (_, i) => TICKET_STATE_PATHS[i % TICKET_STATE_PATHS.length]!) } }, { role: "SUPPORT_LEAD" });
    expect(atLimit.errors).toEqual([]);
  });

  it("serves and verifies tickets whose snapshots were stored in the old shape (notes inside the context)", async () => {
    const id = await ticketInDiagnosis();
    expect((await gw.gql(NOTE, { id, note: "Old-style note one" })).errors).toEqual([]);
    expect((await gw.gql(ASK, { id, q: "Old-style question?" })).errors).toEqual([]);
    expect((await gw.gql(REPLY, { id, r: "Old-style reply." })).errors).toEqual([]);
    expect((await gw.gql(NOTE, { id, note: "Old-style note two" })).errors).toEqual([]);
    const store = new TicketStore(gw.app.dataSource);
    const events = await store.listEvents(id);
    const entry = (e: (typeof events)[number], field: string) => ({ text: e.payload[field], at: e.at.toISOString(), actor: e.actor });
    // Rewrite the row as the machine before this change stored it: the texts inside the context.
    const param = (n: number) => (database === "postgres" ? `$${n}` : "?");
    const [row] = (await gw.app.dataSource.query(`SELECT snapshot FROM ticket WHERE id = ${param(1)}`, [id])) as { snapshot: string }[];
    const snapshot = JSON.parse(row!.snapshot);
    const { diagnosisNoteCount: _n, customerExchangeCount: _c, lastCustomerQuestion: _q, ...context } = snapshot.context;
    snapshot.context = {
      ...context,
      diagnosisNotes: events.filter((e) => e.type === "ADD_DIAGNOSIS_NOTE").map((e) => entry(e, "note")),
      customerExchanges: events.flatMap((e) =>
        e.type === "REQUEST_CUSTOMER_INFO" ? [{ kind: "QUESTION", ...entry(e, "question") }] : e.type === "RECORD_CUSTOMER_REPLY" ? [{ kind: "REPLY", ...entry(e, "reply") }] : [],
      ),
    };
    await gw.app.dataSource.query(`UPDATE ticket SET snapshot = ${param(1)} WHERE id = ${param(2)}`, [JSON.stringify(snapshot), id]);

    expect((await verifyAnchoredAuditTrail(store, { ticketId: id })).failure).toBeNull();
    const served = (await gw.gql(NOTES, { id })).data.ticket;
    expect(served.notes.map((note: { kind: string; text: string }) => `${note.kind}:${note.text}`)).toEqual([
      "DIAGNOSIS_NOTE:Old-style note one",
      "QUESTION:Old-style question?",
      "REPLY:Old-style reply.",
      "DIAGNOSIS_NOTE:Old-style note two",
    ]);
    expect(served.availableEvents).toContain("ESCALATE");
    // The next write upgrades the row; it still verifies.
    expect((await gw.gql(NOTE, { id, note: "New-style note" })).errors).toEqual([]);
    const [after] = (await gw.app.dataSource.query(`SELECT snapshot FROM ticket WHERE id = ${param(1)}`, [id])) as { snapshot: string }[];
    expect(JSON.parse(after!.snapshot).context).toMatchObject({ diagnosisNoteCount: 3, customerExchangeCount: 2 });
    expect(JSON.parse(after!.snapshot).context).not.toHaveProperty("diagnosisNotes");
    expect((await verifyAnchoredAuditTrail(store, { ticketId: id })).failure).toBeNull();
  });
});
