import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createThrottle, MICROSOFT_THROTTLE_LIMITS } from "../../../src/emulator";
import { startKit, tenantAt, type EmulatorKit } from "./emulator-test-kit";

describe("emulator throttling (Microsoft's documented limits, made small)", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit({
      throttling: {
        serviceCommunications: [{ limit: 3, windowMs: 60_000 }],
        gdap: [{ limit: 2, windowMs: 20_000 }],
        partnerCenter: [{ limit: 2, windowMs: 60_000 }],
        partnerCenterScope: "customer",
      },
    });
  });
  beforeEach(async () => {
    await kit.control("POST", "/reset");
  });
  afterAll(async () => {
    await kit.close();
  });

  it("answers service communications 429 + Retry-After past the per-app-per-tenant limit, other tenants unaffected", async () => {
    const first = tenantAt(kit, 0);
    for (let i = 0; i < 3; i += 1) expect((await kit.graph(first, "/admin/serviceAnnouncement/healthOverviews")).status).toBe(200);
    const refused = await kit.graph(first, "/admin/serviceAnnouncement/issues");
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("TooManyRequests");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await kit.graph(tenantAt(kit, 6), "/admin/serviceAnnouncement/healthOverviews")).status).toBe(200);
    const counts = await kit.control("GET", "/requests");
    expect(counts.body.throttled.serviceCommunications).toBe(1);
  });

  it("counts each request of a $batch on its own", async () => {
    const customer = tenantAt(kit, 0);
    const res = await kit.graph(customer, "/$batch", {
      method: "POST",
      body: { requests: [1, 2, 3, 4].map((n) => ({ id: String(n), method: "GET", url: "/admin/serviceAnnouncement/healthOverviews" })) },
    });
    const statuses = res.body.responses.map((r: { status: number }) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("limits GDAP calls on the partner's tenant", async () => {
    const partner = kit.emulator.partnerTenantId;
    expect((await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships")).status).toBe(200);
    expect((await kit.graph(partner, "/tenantRelationships/delegatedAdminCustomers")).status).toBe(200);
    const refused = await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("limits Partner Center subscriptions per customer tenant, in Partner Center's 429 shape", async () => {
    const customer = tenantAt(kit, 0);
    for (let i = 0; i < 2; i += 1) expect((await kit.pc(`/customers/${customer}/subscriptions`)).status).toBe(200);
    const refused = await kit.pc(`/customers/${customer}/subscriptions`);
    expect(refused.status).toBe(429);
    expect(refused.body.statusCode).toBe(429);
    expect(refused.body.message).toMatch(/^Rate limit is exceeded\. Try again in \d+ seconds\.$/);
    expect((await kit.pc(`/customers/${tenantAt(kit, 6)}/subscriptions`)).status).toBe(200);
  });

  it("reset clears the windows", async () => {
    const customer = tenantAt(kit, 0);
    for (let i = 0; i < 3; i += 1) await kit.graph(customer, "/admin/serviceAnnouncement/healthOverviews");
    expect((await kit.graph(customer, "/admin/serviceAnnouncement/healthOverviews")).status).toBe(429);
    await kit.control("POST", "/reset");
    expect((await kit.graph(customer, "/admin/serviceAnnouncement/healthOverviews")).status).toBe(200);
  });
});

describe("throttle windows", () => {
  it("frees a slot when the window that refused ends, and enforces the longer window too", () => {
    let now = 0;
    const throttle = createThrottle({ ...MICROSOFT_THROTTLE_LIMITS, serviceCommunications: [{ limit: 2, windowMs: 1_000 }, { limit: 3, windowMs: 10_000 }] }, () => now);
    expect(throttle.take("serviceCommunications", "t")).toBeNull();
    expect(throttle.take("serviceCommunications", "T")).toBeNull(); // tenant ids compare case-insensitively
    expect(throttle.take("serviceCommunications", "t")).toBe(1);
    now = 1_000;
    expect(throttle.take("serviceCommunications", "t")).toBeNull();
    expect(throttle.take("serviceCommunications", "t")).toBe(9); // the hour-like window is spent
    now = 10_000;
    expect(throttle.take("serviceCommunications", "t")).toBeNull();
    expect(throttle.refused().serviceCommunications).toBe(2);
  });

  it("publishes Microsoft's figures", () => {
    expect(MICROSOFT_THROTTLE_LIMITS.serviceCommunications).toEqual([{ limit: 240, windowMs: 60_000 }, { limit: 800, windowMs: 3_600_000 }]);
    expect(MICROSOFT_THROTTLE_LIMITS.partnerCenter).toEqual([{ limit: 500, windowMs: 60_000 }]);
  });
});
