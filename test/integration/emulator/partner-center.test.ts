import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentAssertion, EmulatorOnBehalfOf } from "../../contract/support/emulator-user-tokens";
import { PC_SCOPE, startKit, tenantAt, type EmulatorKit } from "./emulator-test-kit";

const SUBSCRIPTION_STATUSES = ["none", "active", "pending", "suspended", "deleted", "expired", "disabled"];
const BILLING_CYCLES = ["unknown", "monthly", "annual", "none", "one_time", "triennial", "biennial"];

describe("emulated Partner Center", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit({ tenants: 11 });
  });
  afterAll(async () => {
    await kit.close();
  });

  it("pages customers with links.next and MS-ContinuationToken, every customer exactly once", async () => {
    const ids: string[] = [];
    let res = await kit.pc("/customers?size=3");
    let pages = 1;
    for (;;) {
      expect(res.status).toBe(200);
      expect(res.body.attributes).toEqual({ objectType: "Collection" });
      ids.push(...res.body.items.map((c: any) => c.id));
      const next = res.body.links.next;
      if (!next) break;
      expect(next.uri.startsWith(`${kit.emulator.url}/v1/customers?`)).toBe(true);
      expect(next.method).toBe("GET");
      expect(next.headers[0]).toEqual({ key: "MS-ContinuationToken", value: res.body.continuationToken });
      res = await kit.pc(next.uri, Object.fromEntries(next.headers.map((h: any) => [h.key, h.value])));
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(ids).toEqual(kit.emulator.seed.tenants.map((t) => t.id));
  });

  it("refuses a next-page request without or with a forged continuation token (400, PC error shape)", async () => {
    const first = await kit.pc("/customers?size=3");
    const missing = await kit.pc(first.body.links.next.uri);
    expect(missing.status).toBe(400);
    // Partner Center's error body (error-codes page; the examples send a numeric code and data: []).
    expect(missing.body).toEqual({ code: expect.any(Number), description: expect.any(String), data: [], source: "PartnerFD" });
    const forged = await kit.pc(first.body.links.next.uri, { "MS-ContinuationToken": "eyJvIjowfQ.AAAAAAAAAAAAAAAAAAAAAA" });
    expect(forged.status).toBe(400);
  });

  it("includes the customer with no GDAP relationship and uses the Customer shape", async () => {
    const res = await kit.pc(`/customers/${tenantAt(kit, 3)}`);
    const tenant = kit.emulator.seed.tenants[3]!;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: tenant.id,
      commerceId: tenant.commerceId,
      companyProfile: { tenantId: tenant.id, domain: tenant.domain, companyName: tenant.name },
      relationshipToPartner: "reseller",
      allowDelegatedAccess: false,
      attributes: { objectType: "Customer" },
    });
  });

  it("answers 404 in the PC error shape for an unknown customer", async () => {
    const res = await kit.pc("/customers/00000000-0000-4000-8000-000000000000");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ source: "PartnerFD", description: expect.stringContaining("00000000-0000-4000-8000-000000000000") });
  });

  it("filters customers by company name prefix", async () => {
    const name = kit.emulator.seed.tenants[2]!.name;
    const filter = encodeURIComponent(JSON.stringify({ Field: "CompanyName", Value: name.slice(0, 5), Operator: "starts_with" }));
    const res = await kit.pc(`/customers?size=10&filter=${filter}`);
    expect(res.body.items.map((c: any) => c.companyProfile.companyName)).toContain(name);
    for (const c of res.body.items) expect(c.companyProfile.companyName.startsWith(name.slice(0, 5))).toBe(true);
  });

  it("lists subscriptions with every documented field and enum values from the documented sets", async () => {
    const offers = new Set<string>();
    for (const tenant of kit.emulator.seed.tenants) {
      const res = await kit.pc(`/customers/${tenant.id}/subscriptions`);
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(res.body.items.length);
      for (const s of res.body.items) {
        offers.add(s.offerName);
        expect(SUBSCRIPTION_STATUSES).toContain(s.status);
        expect(BILLING_CYCLES).toContain(s.billingCycle);
        expect(["none", "usage", "license"]).toContain(s.billingType);
        for (const field of ["id", "entitlementId", "offerId", "offerName", "friendlyName", "quantity", "unitType", "creationDate",
          "effectiveStartDate", "commitmentEndDate", "autoRenewEnabled", "isTrial", "actions", "termDuration", "partnerId",
          "contractType", "orderId", "links", "attributes", "hasPurchasableAddons", "isMicrosoftProduct", "suspensionReasons"]) {
          expect(s, field).toHaveProperty(field);
        }
        expect(s.attributes.objectType).toBe("Subscription");
      }
    }
    expect(offers).toContain("Azure plan");
    expect([...offers].some((o) => o.startsWith("Microsoft 365"))).toBe(true);
    expect([...offers].some((o) => o.startsWith("Dynamics 365"))).toBe(true);
  });

  it("lists support topics (App+User only) with numeric ids across Microsoft 365, Dynamics 365 and Azure", async () => {
    const appOnly = await kit.pc("/servicerequests/supporttopics");
    expect(appOnly.status).toBe(403);
    expect(appOnly.body).toMatchObject({ code: 2032, source: "PartnerFD" });
    const exchange = new EmulatorOnBehalfOf(kit.emulator);
    const userToken = await exchange.getToken(agentAssertion({ oid: "7d1f0c2a-3b4e-4f5a-8b6c-9d0e1f2a3b4c", name: "Hanna Helpdesk" }), PC_SCOPE);
    await exchange.close();
    const res = await kit.request("GET", "/v1/servicerequests/supporttopics", { headers: { authorization: `Bearer ${userToken}` } });
    expect(res.status).toBe(200);
    expect(res.body.items.find((t: any) => t.id === 32444671)).toMatchObject({ name: "Cannot manage my profile" });
    expect(res.body.items[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String), description: expect.any(String), attributes: { objectType: "SupportTopic" } });
    const names = res.body.items.map((t: any) => t.name).join("|");
    expect(names).toMatch(/Azure/);
    expect(names).toMatch(/Dynamics 365/);
    expect(names).toMatch(/Exchange Online/);
  });

  it("echoes MS-RequestId and MS-CorrelationId", async () => {
    const res = await kit.pc("/customers?size=1", { "MS-RequestId": "11111111-1111-4111-8111-111111111111", "MS-CorrelationId": "22222222-2222-4222-8222-222222222222" });
    expect(res.headers.get("ms-requestid")).toBe("11111111-1111-4111-8111-111111111111");
    expect(res.headers.get("ms-correlationid")).toBe("22222222-2222-4222-8222-222222222222");
  });

  it("refuses tokens issued for a customer tenant with 403", async () => {
    const res = await kit.request("GET", "/v1/customers", {
      headers: { authorization: `Bearer ${await kit.token(tenantAt(kit, 0), PC_SCOPE)}` },
    });
    expect(res.status).toBe(403);
    expect(res.body.source).toBe("PartnerFD");
  });

  it("answers an injected 429 with the Partner Center throttling body and Retry-After", async () => {
    await kit.control("POST", "/faults", { match: "^/v1/customers$", status: 429, retryAfterSeconds: 7, times: 1 });
    const throttled = await kit.pc("/customers?size=1");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(throttled.body).toEqual({ statusCode: 429, message: "Rate limit is exceeded. Try again in 7 seconds." });
    const after = await kit.pc("/customers?size=1");
    expect(after.status).toBe(200);
  });
});
