import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors";
import { TicketStore } from "../../../src/tickets/ticket.store";
import type { Page, PageRequest, TicketListFilter, TicketRecord } from "../../../src/tickets/ticket-store.types";
import { aNewTicket, anAuditEvent, dbKinds, openTestDatabase } from "./support/test-database";

const CUSTOMER_A = "aaaaaaaa-0000-4000-8000-000000000001";
const CUSTOMER_B = "bbbbbbbb-0000-4000-8000-000000000002";

describe.each(dbKinds)("TicketStore listings (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;
  const byTitle = new Map<string, TicketRecord>();

  /** Tickets t0..t11, t{i} updated at minute i; two share t5's updatedAt to exercise the id tie-break. */
  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    store = new TicketStore(dataSource);
    for (let i = 0; i < 12; i++) {
      const minute = i === 6 ? 5 : i;
      const { ticket } = await store.createTicket(
        aNewTicket({
          title: `t${i}`,
          customerId: i % 2 === 0 ? CUSTOMER_A : CUSTOMER_B,
          state: i < 4 ? "intake" : i < 8 ? "diagnosis" : "escalated",
          statePath: i < 8 ? (i < 4 ? "intake" : "diagnosis") : i % 2 === 0 ? "escalated.filing" : "escalated.withMicrosoft",
          severity: i % 3 === 0 ? "critical" : "moderate",
          category: i % 4 === 0 ? "billing" : "technical",
          assigneeId: i >= 4 ? `agent-${i % 2}` : null,
          createdAt: new Date(Date.UTC(2025, 2, 1, 9, minute)),
        }),
        anAuditEvent({
          actor: { id: `agent-${i % 3}`, displayName: "Agent", role: "ADMIN_AGENT" },
          at: new Date(Date.UTC(2025, 2, 1, 9, minute)),
          type: i % 2 === 0 ? "TICKET_OPENED" : "TICKET_IMPORTED",
        }),
      );
      byTitle.set(`t${i}`, ticket);
    }
  });
  afterAll(async () => close());

  const titles = (page: Page<TicketRecord>): string[] => page.items.map((item) => item.node.title);

  async function allPages(filter: TicketListFilter, first: number): Promise<string[]> {
    const seen: string[] = [];
    let request: PageRequest = { first };
    for (;;) {
      const page = await store.listTickets(filter, request);
      seen.push(...titles(page));
      if (!page.hasNextPage) return seen;
      request = { first, afterCursor: page.endCursor };
    }
  }

  it("orders by updatedAt descending with id as tie-break and pages without gaps or repeats", async () => {
    const first = await store.listTickets({}, { first: 5 });
    expect(first.totalCount).toBe(12);
    expect(first.hasNextPage).toBe(true);
    expect(titles(first).slice(0, 4)).toEqual(["t11", "t10", "t9", "t8"]);
    const tied = [byTitle.get("t5"), byTitle.get("t6")].map((t) => t?.id ?? "").sort().reverse();
    const all = await allPages({}, 5);
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
    const tiedTitles = all.filter((t) => t === "t5" || t === "t6");
    expect(tiedTitles.map((t) => byTitle.get(t)?.id)).toEqual(tied);
    expect(all.slice(-4)).toEqual(["t3", "t2", "t1", "t0"]);
  });

  it("filters by state, state path, customer, assignee, severity and category", async () => {
    expect((await allPages({ states: ["intake"] }, 100)).sort()).toEqual(["t0", "t1", "t2", "t3"]);
    expect(await allPages({ statePaths: ["escalated.withMicrosoft"] }, 100)).toEqual(["t11", "t9"]);
    expect(await allPages({ customerIds: [CUSTOMER_A], states: ["escalated"] }, 100)).toEqual(["t10", "t8"]);
    expect(await allPages({ assigneeId: "agent-1", states: ["diagnosis"] }, 100)).toEqual(["t7", "t5"]);
    expect((await allPages({ assigneeId: null }, 100)).sort()).toEqual(["t0", "t1", "t2", "t3"]);
    expect(await allPages({ severities: ["critical"], categories: ["technical"] }, 100)).toEqual(["t9", "t6", "t3"]);
    const page = await store.listTickets({ customerIds: [CUSTOMER_B] }, { first: 2 });
    expect(page.totalCount).toBe(6);
    expect(page.items).toHaveLength(2);
  });

  it("matches nothing for an empty list filter (an agent scoped to no customers sees no tickets)", async () => {
    expect(await store.listTickets({ customerIds: [] }, { first: 10 })).toEqual({
      items: [],
      totalCount: 0,
      hasNextPage: false,
      endCursor: null,
    });
  });

  it("refuses a malformed cursor or a cursor from another list as BAD_USER_INPUT", async () => {
    await expect(store.listTickets({}, { first: 2, afterCursor: "garbage" })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      details: { field: "after" },
    });
    const events = await store.listAuditEvents({}, { first: 1 });
    await expect(store.listTickets({}, { first: 2, afterCursor: events.endCursor })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
    });
    await expect(store.listTickets({}, { first: -1 })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });

  it("lists audit events newest first with customer, actor, type and time filters", async () => {
    const all = await store.listAuditEvents({}, { first: 100 });
    expect(all.totalCount).toBe(12);
    const ats = all.items.map((item) => item.node.at.getTime());
    expect(ats).toEqual([...ats].sort((a, b) => b - a));

    const scoped = await store.listAuditEvents(
      { customerIds: [CUSTOMER_A], actorId: "agent-0", from: new Date(Date.UTC(2025, 2, 1, 9, 1)) },
      { first: 100 },
    );
    // customer A = even i, actor agent-0 = i % 3 === 0, at >= 09:01 -> t6 (at 09:05) only
    expect(scoped.items.map((item) => item.node.ticketId)).toEqual([byTitle.get("t6")?.id]);

    const typed = await store.listAuditEvents(
      { types: ["TICKET_IMPORTED"], to: new Date(Date.UTC(2025, 2, 1, 9, 4)) },
      { first: 1 },
    );
    expect(typed.totalCount).toBe(2); // t1, t3
    const next = await store.listAuditEvents(
      { types: ["TICKET_IMPORTED"], to: new Date(Date.UTC(2025, 2, 1, 9, 4)) },
      { first: 1, afterCursor: typed.endCursor },
    );
    expect([typed, next].map((p) => p.items[0]?.node.ticketId)).toEqual([byTitle.get("t3")?.id, byTitle.get("t1")?.id]);
    expect(next.hasNextPage).toBe(false);

    const oneTicket = await store.listAuditEvents({ ticketId: byTitle.get("t2")?.id }, { first: 10 });
    expect(oneTicket.totalCount).toBe(1);
  });
});
