import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GDAP_ROLE } from "../../../src/emulator";
import { startKit, tenantAt, type EmulatorKit, type JsonResponse } from "./emulator-test-kit";

const HEALTH = "/admin/serviceAnnouncement";

describe("emulated Graph", () => {
  let kit: EmulatorKit;
  let partner: string;
  beforeAll(async () => {
    kit = await startKit({ tenants: 12 });
    partner = kit.emulator.partnerTenantId;
  });
  afterAll(async () => {
    await kit.close();
  });

  /** Follows @odata.nextLink to the end, checking every link is absolute on the emulator's URL. */
  async function collectAll(tenant: string, firstPath: string): Promise<{ items: any[]; pages: number }> {
    const items: any[] = [];
    let next: string | undefined = firstPath;
    let pages = 0;
    while (next !== undefined) {
      const res: JsonResponse = await kit.graph(tenant, next);
      expect(res.status).toBe(200);
      items.push(...res.body.value);
      pages += 1;
      next = res.body["@odata.nextLink"];
      if (next !== undefined) expect(next.startsWith(`${kit.emulator.url}/v1.0/`)).toBe(true);
    }
    return { items, pages };
  }

  describe("delegatedAdminRelationships", () => {
    it("returns every relationship exactly once across $top-sized pages", async () => {
      const expected = kit.emulator.seed.tenants.flatMap((t) => t.relationships.map((r) => r.id));
      const { items, pages } = await collectAll(partner, "/tenantRelationships/delegatedAdminRelationships?$top=2");
      expect(pages).toBe(Math.ceil(expected.length / 2));
      expect(items.map((r) => r.id)).toEqual(expected);
    });

    it("uses the documented resource shape", async () => {
      const res = await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships?$top=1");
      const relationship = res.body.value[0];
      expect(res.body["@odata.context"]).toBe(`${kit.emulator.url}/v1.0/tenantRelationships/$metadata#delegatedAdminRelationships`);
      expect(relationship.id).toMatch(/^[0-9a-f-]{36}-[0-9a-f-]{36}$/);
      expect(relationship).toMatchObject({
        displayName: expect.any(String),
        duration: expect.stringMatching(/^P\d+D$/),
        customer: { tenantId: tenantAt(kit, 0), displayName: kit.emulator.seed.tenants[0]?.name },
        status: "active",
        autoExtendDuration: expect.stringMatching(/^(PT0S|P180D)$/),
        createdDateTime: expect.any(String),
        lastModifiedDateTime: expect.any(String),
        activatedDateTime: expect.any(String),
        endDateTime: expect.any(String),
      });
      expect(relationship.accessDetails.unifiedRoles).toContainEqual({ roleDefinitionId: GDAP_ROLE.SERVICE_SUPPORT_ADMINISTRATOR });
    });

    it("gets one relationship by id and answers 404 for an unknown one", async () => {
      const id = kit.emulator.seed.tenants[1]!.relationships[0]!.id;
      const one = await kit.graph(partner, `/tenantRelationships/delegatedAdminRelationships/${id}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id, status: "expired" });
      const missing = await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships/nope");
      expect(missing.status).toBe(404);
    });

    it("supports equality $filter on status and customer/tenantId", async () => {
      const res = await kit.graph(partner, `/tenantRelationships/delegatedAdminRelationships?$filter=${encodeURIComponent(`customer/tenantId eq '${tenantAt(kit, 4)}'`)}`);
      expect(res.body.value).toHaveLength(1);
      expect(res.body.value[0].accessDetails.unifiedRoles).toEqual([{ roleDefinitionId: GDAP_ROLE.MESSAGE_CENTER_READER }]);
    });

    it("refuses a forged $skiptoken and an out-of-range $top", async () => {
      const forged = await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships?$skiptoken=eyJvIjoyfQ.forged");
      expect(forged.status).toBe(400);
      expect(forged.body.error.code).toBe("BadRequest");
      const top = await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships?$top=301");
      expect(top.status).toBe(400);
    });

    it("refuses customer-tenant tokens (GDAP is read in the partner tenant)", async () => {
      const res = await kit.graph(tenantAt(kit, 0), "/tenantRelationships/delegatedAdminRelationships");
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("Authorization_RequestDenied");
    });
  });

  describe("delegatedAdminCustomers", () => {
    it("lists only customers with an active or expiring relationship, each once across pages", async () => {
      const { items } = await collectAll(partner, "/tenantRelationships/delegatedAdminCustomers?$top=3");
      const ids = items.map((c) => c.tenantId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(tenantAt(kit, 0));
      expect(ids).toContain(tenantAt(kit, 4));
      for (const index of [1, 2, 3, 5]) expect(ids).not.toContain(tenantAt(kit, index));
      expect(ids).toHaveLength(12 - 4);
      expect(items[0]).toMatchObject({ id: tenantAt(kit, 0), tenantId: tenantAt(kit, 0), displayName: expect.any(String) });
    });
  });

  describe("service health", () => {
    it("answers healthOverviews for a customer with a health role, with issues on $expand", async () => {
      const customer = tenantAt(kit, 0);
      const plain = await kit.graph(customer, `${HEALTH}/healthOverviews`);
      expect(plain.status).toBe(200);
      expect(plain.body.value.length).toBeGreaterThan(5);
      expect(plain.body.value[0]).not.toHaveProperty("issues");
      const exchange = plain.body.value.find((s: any) => s.id === "Exchange");
      expect(exchange.service).toBe("Exchange Online");
      // tenant 0 always has an active Exchange incident, so Exchange is not operational
      expect(exchange.status.toLowerCase()).not.toBe("serviceoperational");

      const expanded = await kit.graph(customer, `${HEALTH}/healthOverviews?$expand=issues`);
      const teams = expanded.body.value.find((s: any) => s.id === "microsoftteams");
      expect(teams.issues.some((i: any) => i.isResolved)).toBe(true);
      expect(teams.issues[0]).toMatchObject({ id: expect.stringMatching(/^TM\d{6}$/), service: "Microsoft Teams", posts: expect.any(Array) });
    });

    it("denies health to tenants without an effective health role (expired, pending, none, MCR only, terminated)", async () => {
      for (const index of [1, 2, 3, 4, 5]) {
        const res = await kit.graph(tenantAt(kit, index), `${HEALTH}/healthOverviews`);
        expect(res.status, `tenant ${index}`).toBe(403);
        expect(res.body.error).toMatchObject({
          code: "Authorization_RequestDenied",
          message: expect.any(String),
          innerError: { date: expect.any(String), "request-id": expect.any(String), "client-request-id": expect.any(String) },
        });
      }
      const issues = await kit.graph(tenantAt(kit, 4), `${HEALTH}/issues`);
      expect(issues.status).toBe(403);
    });

    it("gets one overview by URL-encoded display name or by id, and 404 for an unknown service", async () => {
      const customer = tenantAt(kit, 0);
      const byName = await kit.graph(customer, `${HEALTH}/healthOverviews/${encodeURIComponent("Microsoft 365 suite")}`);
      expect(byName.status).toBe(200);
      expect(byName.body).toMatchObject({ id: "OSDPPlatform", service: "Microsoft 365 suite" });
      const byId = await kit.graph(customer, `${HEALTH}/healthOverviews/Exchange?$expand=issues`);
      expect(byId.body.issues.length).toBeGreaterThan(0);
      const missing = await kit.graph(customer, `${HEALTH}/healthOverviews/NoSuchService`);
      expect(missing.status).toBe(404);
    });

    it("pages issues with $top/$skip and absolute nextLinks, every issue exactly once", async () => {
      const customer = tenantAt(kit, 0);
      const expected = kit.emulator.seed.tenants[0]!.issues.map((i) => i.id).sort();
      const { items, pages } = await collectAll(customer, `${HEALTH}/issues?$top=1`);
      expect(pages).toBe(expected.length);
      expect(items.map((i) => i.id).sort()).toEqual(expected);
    });

    it("gets one issue and answers 404 for an id unknown to that tenant", async () => {
      const customer = tenantAt(kit, 0);
      const issue = kit.emulator.seed.tenants[0]!.issues[0]!;
      const one = await kit.graph(customer, `${HEALTH}/issues/${issue.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        id: issue.id,
        title: issue.title,
        isResolved: issue.isResolved,
        origin: expect.stringMatching(/^microsoft$/i),
        classification: expect.stringMatching(/^(incident|advisory)$/i),
        impactDescription: expect.any(String),
        feature: expect.any(String),
        featureGroup: expect.any(String),
        startDateTime: expect.any(String),
        lastModifiedDateTime: expect.any(String),
      });
      expect(one.body.posts[0]).toMatchObject({ createdDateTime: expect.any(String), description: { content: expect.stringContaining("<p>") } });
      const missing = await kit.graph(customer, `${HEALTH}/issues/EX000000`);
      expect(missing.status).toBe(404);
    });

    it("answers enums in a deterministic mix of camelCase and PascalCase", async () => {
      const seen = new Set<string>();
      const first = new Map<string, string>();
      for (const tenant of kit.emulator.seed.tenants.slice(6)) {
        const res = await kit.graph(tenant.id, `${HEALTH}/issues`);
        for (const issue of res.body.value) {
          for (const value of [issue.status, issue.classification, ...issue.posts.map((p: any) => p.postType)]) {
            seen.add(/^[A-Z]/.test(value) ? "Pascal" : "camel");
          }
          first.set(`${tenant.id}:${issue.id}`, issue.status);
        }
      }
      expect(seen).toEqual(new Set(["Pascal", "camel"]));
      const [key, status] = [...first.entries()][0]!;
      const again = await kit.graph(key.split(":")[0]!, `${HEALTH}/issues/${key.split(":")[1]}`);
      expect(again.body.status).toBe(status);
    });

    it("refuses an unsupported $expand", async () => {
      const res = await kit.graph(tenantAt(kit, 0), `${HEALTH}/healthOverviews?$expand=messages`);
      expect(res.status).toBe(400);
    });
  });
});
