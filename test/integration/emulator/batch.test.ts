import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startKit, tenantAt, type EmulatorKit } from "./emulator-test-kit";

describe("emulated Graph $batch", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit();
  });
  beforeEach(async () => {
    await kit.control("POST", "/reset");
  });
  afterAll(async () => {
    await kit.close();
  });

  const batch = (tenant: string, requests: unknown[]) => kit.graph(tenant, "/$batch", { method: "POST", body: { requests } });

  it("dispatches each step through the Graph routes with the caller's token", async () => {
    const customer = tenantAt(kit, 0);
    const res = await batch(customer, [
      { id: "1", method: "GET", url: "/admin/serviceAnnouncement/healthOverviews?$expand=issues" },
      { id: "2", method: "GET", url: "admin/serviceAnnouncement/issues/NOPE1" },
      { id: "3", method: "GET", url: "/tenantRelationships/delegatedAdminCustomers" },
    ]);
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: any) => [r.id, r]));
    expect(byId["1"].status).toBe(200);
    expect(byId["1"].body.value.length).toBeGreaterThan(0);
    expect(byId["1"].headers["Content-Type"]).toMatch(/^application\/json/);
    expect(byId["2"].status).toBe(404);
    expect(byId["3"].status).toBe(403); // GDAP needs a partner-tenant token
  });

  it("applies an injected fault to the matching inner request only, as a 429 with its own Retry-After", async () => {
    const customer = tenantAt(kit, 0);
    await kit.control("POST", "/faults", { match: "/issues$", status: 429, retryAfterSeconds: 2, times: 1 });
    const res = await batch(customer, [
      { id: "health", method: "GET", url: "/admin/serviceAnnouncement/healthOverviews" },
      { id: "issues", method: "GET", url: "/admin/serviceAnnouncement/issues" },
    ]);
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: any) => [r.id, r]));
    expect(byId["health"].status).toBe(200);
    expect(byId["issues"].status).toBe(429);
    expect(byId["issues"].headers["Retry-After"]).toBe("2");
    expect(byId["issues"].body.error.code).toBe("TooManyRequests");
  });

  it("answers 424 for a step whose dependency failed", async () => {
    const res = await batch(tenantAt(kit, 0), [
      { id: "a", method: "GET", url: "/admin/serviceAnnouncement/issues/NOPE1" },
      { id: "b", method: "GET", url: "/admin/serviceAnnouncement/issues", dependsOn: ["a"] },
    ]);
    expect(res.body.responses.find((r: any) => r.id === "b").status).toBe(424);
  });

  it("refuses more than 20 steps and duplicate ids with 400", async () => {
    const steps = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/admin/serviceAnnouncement/issues" }));
    const tooMany = await batch(tenantAt(kit, 0), steps);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/20/);
    const dup = await batch(tenantAt(kit, 0), [steps[0], steps[0]]);
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toMatch(/duplicate/i);
    const exactly20 = await batch(tenantAt(kit, 0), steps.slice(0, 20));
    expect(exactly20.status).toBe(200);
    expect(exactly20.body.responses).toHaveLength(20);
  });

  it("counts a batch as one upstream request", async () => {
    await batch(tenantAt(kit, 0), [
      { id: "1", method: "GET", url: "/admin/serviceAnnouncement/healthOverviews" },
      { id: "2", method: "GET", url: "/admin/serviceAnnouncement/issues" },
    ]);
    const counts = await kit.control("GET", "/requests");
    expect(counts.body.total).toBe(1);
    expect(counts.body.byRoute).toEqual({ "POST /v1.0/$batch": 1 });
    expect(counts.body.byTenant).toEqual({ [tenantAt(kit, 0)]: 1 });
    expect(counts.body.batchedRequests).toBe(2);
  });
});
