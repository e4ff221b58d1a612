import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadHealth, hasEffectiveRelationship } from "../../src/emulator/emulator-world";
import { IncidentBoardDocument, type IncidentBoardQuery } from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "./support/test-gateway";

/** incidentBoard (issue 19) on the real emulator, served from the read cache the refresher keeps. */
const TENANTS = 30;
let gw: TestGateway;

/** What the emulator's data says the board must hold: active issue id -> affected tenant ids. */
function expectedBoard(): Map<string, Set<string>> {
  const board = new Map<string, Set<string>>();
  for (const tenant of gw.app.emulator!.seed.tenants) {
    if (!hasEffectiveRelationship(tenant) || !canReadHealth(tenant)) continue;
    for (const issue of tenant.issues) {
      if (issue.isResolved) continue;
      const affected = board.get(issue.id) ?? new Set<string>();
      affected.add(tenant.id);
      board.set(issue.id, affected);
    }
  }
  return board;
}

const entriesOf = (board: { edges: readonly { node: Entry }[] }): Entry[] => board.edges.map((edge) => edge.node);
type Entry = IncidentBoardQuery["incidentBoard"]["edges"][number]["node"];

async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("condition not met in time");
}

beforeAll(async () => {
  gw = await startTestGateway({
    env: { EMULATOR_TENANTS: String(TENANTS), UPSTREAM_CACHE: "on", REFRESHER_ENABLED: "on", CACHE_TTL_HEALTH_MS: "2000" },
  });
  await waitFor(async () => gw.app.refresher!.status().covered === TENANTS, 60_000);
});
afterAll(async () => {
  await gw?.close();
});

describe("incidentBoard", () => {
  it("groups active incidents by Microsoft's id with exactly the affected customers, and lists the unreadable tenants", async () => {
    const result = await gw.gql(IncidentBoardDocument, { first: 100 });
    expectNoInternalErrors(result);
    const board = result.data!.incidentBoard;
    const expected = expectedBoard();
    expect(board.totalCount).toBe(expected.size);
    expect(board.totalCount).toBeGreaterThan(0);
    for (const entry of entriesOf(board)) {
      expect(new Set(entry.affectedCustomers.map((c) => c.customerId))).toEqual(expected.get(entry.incidentId));
      expect(entry.affectedCustomerCount).toBe(entry.affectedCustomers.length);
    }
    // Most affected first.
    const counts = entriesOf(board).map((e) => e.affectedCustomerCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    // Tenant 4: active relationship without a health role -> FORBIDDEN, listed as unreadable.
    const tenant4 = gw.app.emulator!.seed.tenants[4]!.id;
    expect(board.unreadableCustomers).toContainEqual(expect.objectContaining({ customerId: tenant4, reason: "FORBIDDEN" }));
    expect(board.pollIntervalSeconds).toBeGreaterThan(0);
  });

  it("pages and filters by product and service", async () => {
    const all = (await gw.gql(IncidentBoardDocument, { first: 100 })).data!.incidentBoard;
    const firstPage = (await gw.gql(IncidentBoardDocument, { first: 1 })).data!.incidentBoard;
    expect(entriesOf(firstPage).map((e) => e.incidentId)).toEqual([entriesOf(all)[0]!.incidentId]);
    expect(firstPage.pageInfo.hasNextPage).toBe(all.totalCount > 1);
    if (firstPage.pageInfo.hasNextPage) {
      const second = (await gw.gql(IncidentBoardDocument, { first: 1, after: firstPage.pageInfo.endCursor })).data!.incidentBoard;
      expect(entriesOf(second)[0]!.incidentId).toBe(entriesOf(all)[1]!.incidentId);
    }
    const service = entriesOf(all)[0]!.service;
    const byService = (await gw.gql(IncidentBoardDocument, { first: 100, filter: { services: [service.toUpperCase()] } })).data!.incidentBoard;
    expect(entriesOf(byService).length).toBeGreaterThan(0);
    expect(entriesOf(byService).every((e) => e.service === service)).toBe(true);
    const product = entriesOf(all)[0]!.product;
    const byProduct = (await gw.gql(IncidentBoardDocument, { first: 100, filter: { products: [product] } })).data!.incidentBoard;
    expect(entriesOf(byProduct).every((e) => e.product === product)).toBe(true);
    expect(byProduct.totalCount).toBe(entriesOf(all).filter((e) => e.product === product).length);
  });

  it("refuses a bad cursor and a role without health access", async () => {
    const bad = await gw.gql(IncidentBoardDocument, { first: 5, after: "nope" });
    expect(bad.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const sales = await gw.gql(IncidentBoardDocument, { first: 5 }, { role: "SALES_AGENT" });
    expect(sales.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });

  it("shows an incident that starts, and drops it when it resolves, within a poll (the refresher re-reads health)", async () => {
    const tenant = gw.app.emulator!.seed.tenants[0]!.id;
    const started = await gw.emulator("/_emulator/incidents", { tenant, service: "Exchange", action: "start", issueId: "EX777001", title: "Mail delayed" });
    expect(started.status).toBeLessThan(300);
    const onBoard = async () =>
      ((await gw.gql(IncidentBoardDocument, { first: 100 })).data!.incidentBoard.edges.some((e) => e.node.incidentId === "EX777001"));
    await waitFor(onBoard, 15_000);
    await gw.emulator("/_emulator/incidents", { tenant, service: "Exchange", action: "resolve", issueId: "EX777001" });
    await waitFor(async () => !(await onBoard()), 15_000);
  });
});
