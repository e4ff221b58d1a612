import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../../src/auth/demo-agents";
import { openDatabase } from "../../../src/db/data-source";
import { ErrorCode, isAppError } from "../../../src/errors";
import { AgentDirectory } from "../../../src/tickets/agent-directory";
import { computeGlobalHash } from "../../../src/tickets/audit-global-chain";
import { verifyChain } from "../../../src/tickets/audit-hash";
import { TicketService, type AgentCommand, type CustomerGate } from "../../../src/tickets/ticket.service";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { createEmptyTestDatabase, dbKinds, type EmptyTestDatabase } from "../db/support/test-database";

const agent = DEMO_AGENTS.HELPDESK_AGENT;
const ANY_CUSTOMER: CustomerGate = {
  getCustomer: async (id) => ({ id, name: "Contoso", defaultDomain: null, relationshipToPartner: "reseller" }),
  requireDelegatedAccess: async () => undefined,
};
const opening = {
  customerId: "11111111-1111-4111-8111-111111111111",
  title: "Mail delayed",
  description: "External mail arrives late",
  category: "TECHNICAL",
  product: "MICROSOFT_365",
  severity: "MODERATE",
} as const;

const codeOf = (error: unknown) => (isAppError(error) ? { code: error.code, details: error.details } : error);

/**
 * Two gateway instances on one database (each its own DataSource, store and service): a write
 * that expects the version an instance's own last write left needs no read (TicketStore.findForWrite),
 * and must still answer exactly as a read would when the other instance moved the ticket on.
 */
describe.each(dbKinds)("the row of an instance's last write (%s)", (kind) => {
  let empty: EmptyTestDatabase;
  let first: DataSource;
  let second: DataSource;
  let a: TicketService;
  let b: TicketService;

  beforeAll(async () => {
    empty = await createEmptyTestDatabase(kind);
    first = await openDatabase(empty.url, empty.options);
    second = await openDatabase(empty.url, empty.options);
    const service = (dataSource: DataSource) => new TicketService({ store: new TicketStore(dataSource), entitlements: [], agents: new AgentDirectory([agent]) });
    a = service(first);
    b = service(second);
  });
  afterAll(async () => {
    await first.destroy();
    await second.destroy();
    await empty.dispose();
  });

  const send = (service: TicketService, id: string, version: number, command: AgentCommand) => service.send(agent, id, version, command);
  const note = (text: string) => ({ type: "ADD_DIAGNOSIS_NOTE", note: text }) as AgentCommand;

  it("answers VERSION_CONFLICT when the other instance moved the ticket on, and writes nothing", async () => {
    const opened = await a.openTicket(agent, opening, null, ANY_CUSTOMER);
    const diagnosing = await send(a, opened.id, 1, { type: "START_DIAGNOSIS", assigneeId: null } as AgentCommand);
    expect(diagnosing.version).toBe(2);
    // b reads the ticket (it has no copy) and moves it on.
    expect((await send(b, opened.id, 2, note("from b"))).version).toBe(3);

    // a still holds version 2 from its own write: the version-checked write refuses it.
    const stale = await send(a, opened.id, 2, note("from a, too late")).catch((error: unknown) => error);
    expect(codeOf(stale)).toEqual({ code: ErrorCode.VERSION_CONFLICT, details: { currentVersion: 3 } });
    // The refused write left no event and no gap; a's next write reads the current row.
    expect((await send(a, opened.id, 3, note("from a, current"))).version).toBe(4);
    const events = await new TicketStore(first).listEvents(opened.id);
    expect(events.map((event) => event.type)).toEqual(["OPEN", "START_DIAGNOSIS", "ADD_DIAGNOSIS_NOTE", "ADD_DIAGNOSIS_NOTE"]);
    expect(verifyChain(events)).toEqual({ ok: true });
  });

  it("answers VERSION_CONFLICT, not the machine's refusal, when its copy would refuse an event the current row is past", async () => {
    const opened = await a.openTicket(agent, opening, null, ANY_CUSTOMER);
    await send(a, opened.id, 1, { type: "START_DIAGNOSIS", assigneeId: null } as AgentCommand);
    await send(b, opened.id, 2, { type: "PROPOSE_RESOLUTION", summary: "Removed the rule" } as AgentCommand);
    // In a's copy (diagnosis) CONFIRM_RESOLUTION is not allowed; the ticket itself is at version 3.
    const stale = await send(a, opened.id, 2, { type: "CONFIRM_RESOLUTION" } as AgentCommand).catch((error: unknown) => error);
    expect(codeOf(stale)).toEqual({ code: ErrorCode.VERSION_CONFLICT, details: { currentVersion: 3 } });
    // A refusal on a current copy is still the machine's own.
    const refused = await send(b, opened.id, 3, { type: "START_DIAGNOSIS", assigneeId: null } as AgentCommand).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).not.toBe(ErrorCode.VERSION_CONFLICT);
  });

  it("keeps one gap-free global chain while both instances write the same tickets in opposite orders", async () => {
    const tickets = await Promise.all(Array.from({ length: 6 }, () => a.openTicket(agent, opening, null, ANY_CUSTOMER)));
    const versions = new Map(tickets.map((ticket) => [ticket.id, ticket.version]));
    const round = async (service: TicketService, order: string[]) =>
      Promise.allSettled(order.map((id) => send(service, id, versions.get(id)!, note(`round ${versions.get(id)}`))));
    for (let i = 0; i < 5; i++) {
      const ids = tickets.map((ticket) => ticket.id);
      const outcomes = [...(await Promise.all([round(a, ids), round(b, [...ids].reverse())]))].flat();
      for (const outcome of outcomes) {
        if (outcome.status === "fulfilled") versions.set(outcome.value.id, Math.max(versions.get(outcome.value.id)!, outcome.value.version));
        // Every loser lost a version race; none saw a deadlock or another driver error.
        else expect(codeOf(outcome.reason)).toMatchObject({ code: ErrorCode.VERSION_CONFLICT });
      }
    }
    // The audited statements take the audit head before any ticket row: crossing batches wait, never deadlock.
    expect([new TicketStore(first).groupCommitStats().deadlockRetries, new TicketStore(second).groupCommitStats().deadlockRetries]).toEqual([0, 0]);
    const rows = (await first.query("SELECT global_sequence, global_hash, hash FROM ticket_event ORDER BY global_sequence")) as {
      global_sequence: number | string;
      global_hash: string;
      hash: string;
    }[];
    let previous: string | null = null;
    rows.forEach((row, index) => {
      expect(Number(row.global_sequence)).toBe(index + 1);
      expect(row.global_hash).toBe(computeGlobalHash(index + 1, row.hash, previous));
      previous = row.global_hash;
    });
  });
});
