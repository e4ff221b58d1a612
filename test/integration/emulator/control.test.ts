import { Agent, fetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startKit, tenantAt, type EmulatorKit } from "./emulator-test-kit";

const OVERVIEWS = "/admin/serviceAnnouncement/healthOverviews";

describe("emulator control API", () => {
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

  describe("faults", () => {
    it("applies a fault exactly `times` times, then answers normally", async () => {
      const created = await kit.control("POST", "/faults", { match: "/healthOverviews$", status: 503, retryAfterSeconds: 1, times: 2 });
      expect(created.status).toBe(201);
      const customer = tenantAt(kit, 0);
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await kit.graph(customer, OVERVIEWS)).status);
      expect(statuses).toEqual([503, 503, 200]);
      expect((await kit.control("GET", "/faults")).body.faults).toEqual([]);
    });

    it("answers Graph 429 with TooManyRequests and Retry-After", async () => {
      await kit.control("POST", "/faults", { match: "healthOverviews", status: 429, retryAfterSeconds: 3 });
      const res = await kit.graph(tenantAt(kit, 0), OVERVIEWS);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("3");
      expect(res.body.error.code).toBe("TooManyRequests");
    });

    it("limits a fault to one tenant when `tenant` is given", async () => {
      await kit.control("POST", "/faults", { match: ".*", tenant: tenantAt(kit, 6), status: 500 });
      expect((await kit.graph(tenantAt(kit, 6), OVERVIEWS)).status).toBe(500);
      expect((await kit.graph(tenantAt(kit, 0), OVERVIEWS)).status).toBe(200);
    });

    it("never faults the token endpoint, so a catch-all fault still lets clients sign in", async () => {
      const own = await startKit({ tenants: 1 });
      await own.control("POST", "/faults", { match: ".*", status: 503, times: 1 });
      try {
        // a fresh token request (nothing cached in this kit) is answered normally...
        const res = await own.graph(own.emulator.partnerTenantId, "/tenantRelationships/delegatedAdminCustomers");
        // ...and the single fault went to the API call
        expect(res.status).toBe(503);
      } finally {
        await own.close();
      }
    });

    it("clears every fault on DELETE", async () => {
      await kit.control("POST", "/faults", { match: ".*", status: 500 });
      const cleared = await kit.control("DELETE", "/faults");
      expect(cleared.body).toEqual({ cleared: 1 });
      expect((await kit.graph(tenantAt(kit, 0), OVERVIEWS)).status).toBe(200);
    });

    it("validates fault definitions with a clear 400", async () => {
      const cases: [unknown, RegExp][] = [
        [{ status: 429 }, /match/],
        [{ match: "(", status: 429 }, /regular expression/],
        [{ match: ".*", status: 418 }, /status/],
        [{ match: ".*" }, /status .* or hang/],
        [{ match: ".*", status: 429, times: 0 }, /times/],
        [{ match: ".*", status: 429, colour: "red" }, /colour|unrecognized/i],
      ];
      for (const [body, message] of cases) {
        const res = await kit.control("POST", "/faults", body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      const notJson = await kit.control("POST", "/faults", "{nope");
      expect(notJson.status).toBe(400);
    });
  });

  describe("hang", () => {
    it("never answers a hanging request until reset, which drops it", async () => {
      await kit.control("POST", "/faults", { match: "/issues$", hang: true, times: 1 });
      const pending = kit.graph(tenantAt(kit, 0), "/admin/serviceAnnouncement/issues");
      const outcome = pending.then(() => "answered", () => "dropped");
      // the fault was consumed by the hanging request, which is still open
      await expect.poll(async () => (await kit.control("GET", "/faults")).body.faults.length).toBe(0);
      await kit.control("POST", "/reset");
      expect(await outcome).toBe("dropped");
    });

    it("lets close() finish while a request hangs", async () => {
      const own = await startKit({ tenants: 1 });
      await own.control("POST", "/faults", { match: ".*", hang: true });
      const agent = new Agent({ connect: { ca: own.emulator.caCertPem } });
      const token = await own.token(own.emulator.partnerTenantId);
      const pending = fetch(`${own.emulator.url}/v1.0/tenantRelationships/delegatedAdminCustomers`, {
        headers: { authorization: `Bearer ${token}` },
        dispatcher: agent,
      }).then(() => "answered", () => "dropped");
      await expect.poll(async () => (await own.control("GET", "/requests")).body.total).toBe(1);
      await own.close();
      expect(await pending).toBe("dropped");
      await agent.close();
    });
  });

  describe("latency", () => {
    it("accepts a latency in ms and refuses a negative one", async () => {
      expect((await kit.control("POST", "/latency", { ms: 5 })).body).toEqual({ ms: 5 });
      expect((await kit.graph(tenantAt(kit, 0), OVERVIEWS)).status).toBe(200);
      const bad = await kit.control("POST", "/latency", { ms: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^ms:/);
    });
  });

  describe("request counters", () => {
    it("counts API calls by route pattern and tenant, and token requests separately", async () => {
      const customer = tenantAt(kit, 0);
      const issueId = kit.emulator.seed.tenants[0]!.issues[0]!.id;
      await kit.control("POST", "/requests/reset");
      await kit.graph(customer, OVERVIEWS);
      await kit.graph(customer, OVERVIEWS);
      await kit.graph(customer, `/admin/serviceAnnouncement/issues/${issueId}`);
      await kit.pc(`/customers/${customer}/subscriptions`);
      const counts = (await kit.control("GET", "/requests")).body;
      expect(counts.total).toBe(4);
      expect(counts.byRoute).toEqual({
        "GET /v1.0/admin/serviceAnnouncement/healthOverviews": 2,
        "GET /v1.0/admin/serviceAnnouncement/issues/{issueId}": 1,
        "GET /v1/customers/{customerId}/subscriptions": 1,
      });
      expect(counts.byTenant).toEqual({ [customer]: 4 });
      const reset = await kit.control("POST", "/requests/reset");
      expect(reset.body).toMatchObject({ total: 0, tokens: 0, byRoute: {}, byTenant: {} });
    });
  });

  describe("incidents", () => {
    it("starts an incident that turns the service's overview away from operational, then resolves it", async () => {
      const customer = tenantAt(kit, 6);
      const before = await kit.graph(customer, `${OVERVIEWS}/SharePoint`);
      const started = await kit.control("POST", "/incidents", { tenant: customer, service: "SharePoint Online", action: "start", title: "Sites are slow" });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ id: expect.stringMatching(/^SP\d+$/), title: "Sites are slow", isResolved: false, service: "SharePoint Online" });

      const during = await kit.graph(customer, `${OVERVIEWS}/SharePoint?$expand=issues`);
      expect(during.body.status.toLowerCase()).toBe("investigating");
      expect(during.body.issues.map((i: any) => i.id)).toContain(started.body.id);

      const resolved = await kit.control("POST", "/incidents", { tenant: customer, service: "SharePoint", action: "resolve", issueId: started.body.id });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ isResolved: true, status: "serviceRestored", endDateTime: expect.any(String) });
      const after = await kit.graph(customer, `${OVERVIEWS}/SharePoint`);
      expect(after.body.status).toBe(before.body.status);
      const again = await kit.control("POST", "/incidents", { tenant: customer, service: "SharePoint", action: "resolve", issueId: started.body.id });
      expect(again.status).toBe(409);
    });

    it("refuses unknown tenants, services and actions", async () => {
      expect((await kit.control("POST", "/incidents", { tenant: "nope", service: "Exchange", action: "start" })).status).toBe(404);
      expect((await kit.control("POST", "/incidents", { tenant: tenantAt(kit, 0), service: "Nope", action: "start" })).status).toBe(404);
      const bad = await kit.control("POST", "/incidents", { tenant: tenantAt(kit, 0), service: "Exchange", action: "explode" });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^action:/);
    });

    it("is undone by reset", async () => {
      const customer = tenantAt(kit, 0);
      const started = await kit.control("POST", "/incidents", { tenant: customer, service: "Forms", action: "start" });
      kit.emulator.reset();
      const res = await kit.graph(customer, `/admin/serviceAnnouncement/issues/${started.body.id}`);
      expect(res.status).toBe(404);
    });
  });

  describe("tenants", () => {
    it("summarises the seed with the fixed relationship mix by index", async () => {
      const res = await kit.control("GET", "/tenants");
      expect(res.status).toBe(200);
      expect(res.body.partner.tenantId).toBe(kit.emulator.partnerTenantId);
      expect(res.body.tenants).toHaveLength(8);
      const access = res.body.tenants.map((t: any) => t.healthAccess);
      expect(access.slice(0, 6)).toEqual([true, false, false, false, false, false]);
      expect(res.body.tenants[3].relationships).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain(kit.emulator.clientSecret);
    });

    it("answers 404 for an unknown control route", async () => {
      expect((await kit.control("GET", "/nope")).status).toBe(404);
    });
  });
});
