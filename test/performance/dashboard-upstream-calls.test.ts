import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DashboardDocument } from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "../e2e/support/test-gateway";

/**
 * Upstream call budgets of the desk dashboard (issue 7), asserted on the emulator's counters:
 * counts, not timings. 30 tenants, the cross-request cache on.
 */
const TENANTS = 30;
let gw: TestGateway;

const counts = async (): Promise<{ total: number; tokens: number; byRoute: Record<string, number>; byTenant: Record<string, number> }> =>
  (await gw.emulator("/_emulator/requests")).json;
const resetCounts = () => gw.emulator("/_emulator/requests/reset", {});
const coldCache = () => gw.app.cloud.readCache!.clear();
const tenantByIndex = (index: number) => gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === index)!;

beforeAll(async () => {
  gw = await startTestGateway({ env: { EMULATOR_TENANTS: String(TENANTS), UPSTREAM_CACHE: "on" } });
});
afterAll(async () => {
  await gw?.close();
});

describe("dashboard upstream calls", () => {
  let coldTotal = 0;

  it("makes at most 61 upstream calls for a cold dashboard over 30 tenants (one Graph and one Partner Center call per tenant)", async () => {
    coldCache();
    await resetCounts();
    const result = await gw.gql(DashboardDocument, { first: 100 });
    expectNoInternalErrors(result);
    expect(result.data!.customers.totalCount).toBe(TENANTS);
    const cold = await counts();
    coldTotal = cold.total;
    expect(cold.total).toBeLessThanOrEqual(2 * TENANTS + 1);
    // Never more than one call per tenant and route: calls grow with tenants, not fields.
    for (const calls of Object.values(cold.byTenant)) expect(calls).toBeLessThanOrEqual(2);
    expect(cold.tokens).toBeLessThanOrEqual(TENANTS + 1);
    expect(cold.total).toBeGreaterThan(TENANTS); // the reads really went upstream
  });

  it("makes no upstream call when the same dashboard is asked again within the TTL", async () => {
    await resetCounts();
    const first = await gw.gql(DashboardDocument, { first: 100 });
    const second = await gw.gql(DashboardDocument, { first: 100 });
    expect(await counts()).toMatchObject({ total: 0, tokens: 0 });
    expect(second.data).toEqual(first.data);
  });

  it("makes as many upstream calls for 50 concurrent identical cold queries as for one", async () => {
    coldCache();
    await resetCounts();
    const results = await Promise.all(Array.from({ length: 50 }, () => gw.gql(DashboardDocument, { first: 100 })));
    for (const result of results) {
      expectNoInternalErrors(result);
      expect(result.data).toEqual(results[0]!.data);
    }
    expect((await counts()).total).toBe(coldTotal);
  });
});

describe("cache isolation between tenants", () => {
  it("keeps a tenant's 403 to that tenant: other tenants' health is served, and never as FORBIDDEN", async () => {
    coldCache();
    const noHealthRole = tenantByIndex(4);
    const result = await gw.gql(DashboardDocument, { first: 100 });
    const edges = result.data!.customers.edges;
    const forbiddenPaths = result.errors.filter((error) => error.extensions.code === "FORBIDDEN").map((error) => error.path!.join("."));
    const usable = edges.filter((edge) => ["ACTIVE", "EXPIRING"].includes(edge.node.delegatedAccess.status));
    for (const edge of usable) {
      const index = edges.indexOf(edge);
      const healthForbidden = forbiddenPaths.includes(`customers.edges.${index}.node.serviceHealth`);
      expect(healthForbidden).toBe(edge.node.id === noHealthRole.id);
      if (edge.node.id !== noHealthRole.id) expect(edge.node.serviceHealth).not.toBeNull();
    }
    // Asked again (the 403 is now kept briefly under tenant 4's key): the same answer per tenant.
    const again = await gw.gql(DashboardDocument, { first: 100 });
    expect(again.errors.map((error) => error.path!.join(".")).sort()).toEqual(result.errors.map((error) => error.path!.join(".")).sort());
  });

  it("serves each tenant its own health and subscriptions from the cache", async () => {
    const result = await gw.gql(DashboardDocument, { first: 100 });
    const cloud = gw.app.cloud;
    for (const edge of result.data!.customers.edges) {
      if (edge.node.serviceHealth === null) continue;
      const health = await cloud.health.getTenantHealth(edge.node.id);
      expect(health.tenantId.toLowerCase()).toBe(edge.node.id.toLowerCase());
      for (const incident of health.incidents) expect(incident.tenantId.toLowerCase()).toBe(edge.node.id.toLowerCase());
    }
  });

  it("does not cache a transient upstream failure: the next query reads that tenant again", async () => {
    coldCache();
    const victim = tenantByIndex(7);
    await gw.emulator("/_emulator/faults", { match: "healthOverviews", tenant: victim.id, status: 503, times: 50 });
    try {
      const failed = await gw.gql(DashboardDocument, { first: 100 });
      const victimNode = failed.data!.customers.edges.find((edge) => edge.node.id === victim.id)!.node;
      expect(victimNode.serviceHealth).toBeNull();
      expect(failed.errors.some((error) => error.extensions.code === "UPSTREAM_UNAVAILABLE")).toBe(true);
    } finally {
      await gw.emulator("/_emulator/faults", undefined, "DELETE");
    }
    await resetCounts();
    const healed = await gw.gql(DashboardDocument, { first: 100 });
    expect(healed.data!.customers.edges.find((edge) => edge.node.id === victim.id)!.node.serviceHealth).not.toBeNull();
    const after = await counts();
    // Only the failed tenant's health went upstream again; every other read came from the cache.
    expect(after.total).toBe(1);
    expect(after.byTenant[victim.id] ?? after.byTenant[victim.id.toLowerCase()]).toBe(1);
  });
});

describe("GET /metrics", () => {
  it("exposes request durations, upstream calls, cache lookups, outbox depth and transitions in Prometheus text", async () => {
    await gw.gql(DashboardDocument, { first: 100 });
    const response = await fetch(`${gw.app.gateway.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/psg_graphql_request_duration_seconds_count\{operation="Dashboard",type="query",outcome="(ok|error)"\} \d+/);
    expect(text).toMatch(/psg_upstream_calls_total\{upstream="graph",route="\/v1\.0\/admin\/serviceAnnouncement\/healthOverviews",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/psg_upstream_calls_total\{upstream="partner-center",route="\/v1\/customers\/\{id\}\/subscriptions",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/psg_upstream_calls_total\{upstream="graph",route="\/v1\.0\/admin\/serviceAnnouncement\/healthOverviews",method="GET",status="403"\} \d+/);
    expect(text).toMatch(/psg_cache_lookups_total\{resource="health",outcome="hit"\} [1-9]\d*/);
    expect(text).toMatch(/psg_cache_lookups_total\{resource="health",outcome="miss"\} [1-9]\d*/);
    expect(text).toMatch(/psg_outbox_depth 0/);
    expect(text).toContain("# TYPE psg_ticket_transitions_total counter");
  });
});
