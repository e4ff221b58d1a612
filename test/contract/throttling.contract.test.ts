import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadFixture } from "../fixtures/load-fixture";
import { startKit, tenantAt, type EmulatorKit } from "../integration/emulator/emulator-test-kit";
import { extraPaths, missingPaths, shapeOf } from "./support/json-shape";

/**
 * The emulator's throttling (throttle-limits.ts, driven past small limits) answers each API's
 * own published 429: Graph's "Sample response" of the throttling guidance (status, Content-Type,
 * Retry-After in seconds, `{"error":{"code":"TooManyRequests","innerError":{...},"message"}}`),
 * and Partner Center's api-throttling-guidance "Error code response" (`{statusCode, message}`
 * naming the same wait as Retry-After). Injected 429 faults answer the same shapes. Sources:
 * test/fixtures/microsoft/SOURCES.md ("Graph", "Partner Center").
 */
const graphBody = loadFixture<Record<string, any>>("microsoft/graph/throttled.429.json");
const graphHeaders = loadFixture<Record<string, string>>("microsoft/graph/throttled.429.headers.json");
const pcBody = loadFixture<Record<string, any>>("microsoft/partner-center/throttled.429.json");
const pcHeaders = loadFixture<Record<string, string>>("microsoft/partner-center/throttled.429.headers.json");

const mediaType = (value: string | null | undefined) => (value ?? "").split(";")[0]!.trim().toLowerCase();
/** Retry-After as Graph publishes it: delta seconds, fractions allowed ("2.128"). */
const GRAPH_RETRY_AFTER = /^\d+(\.\d+)?$/;
/** Partner Center's example: whole seconds ("57"), the same number as in the message. */
const PC_RETRY_AFTER = /^\d+$/;
const PC_MESSAGE = /^Rate limit is exceeded\. Try again in (\d+) seconds\.$/;
/** The example's `innerError.date`: ISO 8601 to the second, no zone ("2020-08-18T12:51:51"). */
const GRAPH_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** Status, headers and body of a Graph 429 against the published sample. */
function expectGraph429(status: number, header: (name: string) => string | null, body: unknown): void {
  expect(status).toBe(429);
  expect(mediaType(header("content-type"))).toBe(mediaType(graphHeaders["Content-Type"]));
  expect(graphHeaders["Retry-After"]).toMatch(GRAPH_RETRY_AFTER);
  expect(header("retry-after")).toMatch(GRAPH_RETRY_AFTER);
  expect(Number(header("retry-after"))).toBeGreaterThan(0);
  expect(missingPaths(body, graphBody)).toEqual([]);
  expect(extraPaths(body, shapeOf(graphBody))).toEqual([]);
  const error = (body as typeof graphBody)["error"];
  expect({ code: error.code, message: error.message, inner: { code: error.innerError.code, status: error.innerError.status, message: error.innerError.message } }).toEqual({
    code: graphBody["error"].code,
    message: graphBody["error"].message,
    inner: { code: graphBody["error"].innerError.code, status: graphBody["error"].innerError.status, message: graphBody["error"].innerError.message },
  });
  expect(graphBody["error"].innerError.date).toMatch(GRAPH_DATE);
  expect(error.innerError.date).toMatch(GRAPH_DATE);
}

describe("contract: the emulator's 429 answers are Microsoft's published ones", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit({
      throttling: {
        serviceCommunications: [{ limit: 2, windowMs: 60_000 }],
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

  it("Graph service communications past its limit: the throttling guidance's sample response", async () => {
    const customer = tenantAt(kit, 0);
    for (let i = 0; i < 2; i += 1) expect((await kit.graph(customer, "/admin/serviceAnnouncement/healthOverviews?$expand=issues")).status).toBe(200);
    const refused = await kit.graph(customer, "/admin/serviceAnnouncement/healthOverviews?$expand=issues");
    expectGraph429(refused.status, (name) => refused.headers.get(name), refused.body);
  });

  it("Graph GDAP past its limit: the same sample response", async () => {
    const partner = kit.emulator.partnerTenantId;
    for (let i = 0; i < 2; i += 1) expect((await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships")).status).toBe(200);
    const refused = await kit.graph(partner, "/tenantRelationships/delegatedAdminRelationships");
    expectGraph429(refused.status, (name) => refused.headers.get(name), refused.body);
  });

  it("a throttled request inside a $batch: status 429, its own Retry-After and the sample body", async () => {
    const customer = tenantAt(kit, 0);
    const res = await kit.graph(customer, "/$batch", {
      method: "POST",
      body: { requests: [1, 2, 3].map((n) => ({ id: String(n), method: "GET", url: "/admin/serviceAnnouncement/healthOverviews" })) },
    });
    const throttled = (res.body.responses as { id: string; status: number; headers: Record<string, string>; body: unknown }[]).filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    const inner = throttled[0]!;
    const header = (name: string) => Object.entries(inner.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
    expectGraph429(inner.status, header, inner.body);
  });

  it("an injected Graph 429 fault answers the same shape", async () => {
    await kit.control("POST", "/faults", { match: "/admin/serviceAnnouncement/issues$", status: 429, retryAfterSeconds: 3, times: 1 });
    const refused = await kit.graph(tenantAt(kit, 0), "/admin/serviceAnnouncement/issues");
    expectGraph429(refused.status, (name) => refused.headers.get(name), refused.body);
    expect(refused.headers.get("retry-after")).toBe("3");
  });

  it("Partner Center subscriptions past the per-tenant limit: the guidance's error code response, the wait in both places", async () => {
    const customer = tenantAt(kit, 0);
    for (let i = 0; i < 2; i += 1) expect((await kit.pc(`/customers/${customer}/subscriptions`)).status).toBe(200);
    const refused = await kit.pc(`/customers/${customer}/subscriptions`);
    expect(refused.status).toBe(pcBody["statusCode"]);
    expect(mediaType(refused.headers.get("content-type"))).toBe(mediaType(pcHeaders["Content-Type"]));
    expect(pcHeaders["Retry-After"]).toMatch(PC_RETRY_AFTER);
    const retryAfter = refused.headers.get("retry-after");
    expect(retryAfter).toMatch(PC_RETRY_AFTER);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Object.keys(refused.body).sort()).toEqual(Object.keys(pcBody).sort());
    expect(extraPaths(refused.body, shapeOf(pcBody))).toEqual([]);
    expect(refused.body.statusCode).toBe(pcBody["statusCode"]);
    expect(PC_MESSAGE.exec(pcBody["message"])?.[1]).toBe(pcHeaders["Retry-After"]);
    expect(PC_MESSAGE.exec(refused.body.message)?.[1]).toBe(retryAfter);
  });

  it("an injected Partner Center 429 without a wait still names one, in the header and the message alike", async () => {
    await kit.control("POST", "/faults", { match: "^/v1/customers$", status: 429, times: 1 });
    const refused = await kit.pc("/customers?size=1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(PC_RETRY_AFTER);
    expect(PC_MESSAGE.exec(refused.body.message)?.[1]).toBe(refused.headers.get("retry-after"));
  });
});
