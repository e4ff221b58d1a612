import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { DashboardDocument } from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "../e2e/support/test-gateway";

/**
 * The background refresher (issue 19) against the real emulator with Microsoft's documented rate
 * limits on: it covers every tenant, a dashboard then reads only cache hits, and it stays under
 * the limits (no 429 from the emulator).
 */
const TENANTS = 30;
let gw: TestGateway;

const cacheMisses = () => {
  const stats = gw.app.cloud.readCache!.stats();
  return (stats["health"]?.miss ?? 0) + (stats["subscriptions"]?.miss ?? 0) + (stats["health"]?.coalesced ?? 0) + (stats["subscriptions"]?.coalesced ?? 0);
};

async function waitForCoverage(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = gw.app.refresher!.status();
    if (status.tenants === TENANTS && status.covered === TENANTS) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`refresher did not cover ${TENANTS} tenants: ${JSON.stringify(gw.app.refresher!.status())}`);
}

beforeAll(async () => {
  gw = await startTestGateway({
    env: { EMULATOR_TENANTS: String(TENANTS), UPSTREAM_CACHE: "on", REFRESHER_ENABLED: "on", EMULATOR_THROTTLING: "microsoft" },
  });
});
afterAll(async () => {
  await gw?.close();
});

describe("background read refresher", () => {
  it("covers every tenant, then a dashboard of 100 customers reads no upstream (cache hits only)", async () => {
    await waitForCoverage(60_000);
    expect(gw.app.refresher!.status().firstPassMs).toBeGreaterThan(0);
    const before = cacheMisses();
    const result = await gw.gql(DashboardDocument, { first: 100 });
    expectNoInternalErrors(result);
    expect(result.data!.customers.totalCount).toBe(TENANTS);
    expect(cacheMisses()).toBe(before);
  });

  it("stays under Microsoft's limits: the emulator refused nothing", async () => {
    const counts = (await gw.emulator("/_emulator/requests")).json;
    expect(counts.throttled).toEqual({ serviceCommunications: 0, gdap: 0, partnerCenter: 0 });
    // One health and one subscriptions read per tenant at least, from the refresher alone.
    expect(counts.total).toBeGreaterThanOrEqual(2 * TENANTS);
  });

  it("reports progress and lag in /metrics and /ready (a non-required check)", async () => {
    const metrics = await (await fetch(`${gw.app.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^psg_refresher_tenants_covered ${TENANTS}$`, "m"));
    expect(metrics).toMatch(/^psg_refresher_tenants 30$/m);
    expect(metrics).toMatch(/^psg_refresher_calls_per_minute \d+$/m);
    expect(metrics).toMatch(/^psg_refresher_oldest_entry_age_seconds [\d.]+$/m);
    const ready = (await (await fetch(`${gw.app.gateway.url}/ready`)).json()) as { checks: Record<string, unknown> };
    expect(ready.checks.refresher).toMatchObject({ ok: true, required: false, tenants: TENANTS, covered: TENANTS });
  });

  it("puts a viewed tenant first and re-reads nothing that is still fresh", async () => {
    const refresher = gw.app.refresher!;
    const callsBefore = refresher.status().callsLastMinute;
    await refresher.tick();
    // Everything is fresh (read well within 75 % of its TTL): a round starts no read.
    expect(refresher.status().callsLastMinute).toBe(callsBefore);
    // A dropped entry is due at once and read again.
    const tenant = gw.app.emulator!.seed.tenants[7]!.id;
    gw.app.cloud.readCache!.invalidate(`health|${tenant.toLowerCase()}`);
    expect(refresher.covers(tenant)).toBe(false);
    refresher.noteViewed(tenant);
    await refresher.tick();
    const deadline = Date.now() + 10_000;
    while (!refresher.covers(tenant) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refresher.covers(tenant)).toBe(true);
  });
});

describe("refresher configuration", () => {
  it("refuses a bad pace with the variable's name", () => {
    expect(() => parseConfig({ PSG_MODE: "sandbox", REFRESHER_CALLS_PER_MINUTE: "0" })).toThrow(/REFRESHER_CALLS_PER_MINUTE/);
    expect(() => parseConfig({ PSG_MODE: "sandbox", REFRESHER_REFRESH_AT_PERCENT: "5" })).toThrow(/REFRESHER_REFRESH_AT_PERCENT/);
    expect(parseConfig({ PSG_MODE: "sandbox" }).refresher.enabled).toBe(true);
    expect(parseConfig({ PSG_MODE: "sandbox", UPSTREAM_CACHE: "off" }).refresher.enabled).toBe(false);
  });
});
