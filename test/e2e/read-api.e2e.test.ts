import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DashboardDocument, MeDocument, ServiceIncidentsDocument, SupportTopicsDocument, SupportVehiclesDocument } from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "./support/test-gateway";

let gw: TestGateway;
const tenantByIndex = (index: number) => gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === index)!;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

describe("authentication", () => {
  it("answers 401 UNAUTHENTICATED without a bearer token", async () => {
    const result = await gw.gql(MeDocument, {}, { token: null });
    expect(result.status).toBe(401);
    expect(result.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a token not signed by the sandbox key", async () => {
    const [header, payload] = gw.tokens.ADMIN_AGENT.split(".");
    const forged = `${header}.${payload}.${Buffer.from("not-a-signature").toString("base64url")}`;
    const result = await gw.gql(MeDocument, {}, { token: forged });
    expect(result.status).toBe(401);
    expect(result.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });

  it("tells the caller who they are", async () => {
    const result = await gw.gql(MeDocument, {}, { role: "SUPPORT_LEAD" });
    expect(result.data?.me).toEqual({ id: "agent-lea", displayName: "Lea Lead", role: "SUPPORT_LEAD" });
  });
});

describe("customers dashboard", () => {
  it("returns every seeded customer with data the adapters read from the emulator over HTTP", async () => {
    await gw.emulator("/_emulator/requests/reset", {});
    const result = await gw.gql(DashboardDocument, { first: 100 });
    expectNoInternalErrors(result);
    const customers = result.data!.customers;
    expect(customers.totalCount).toBe(25);
    expect(customers.edges).toHaveLength(25);

    const active = customers.edges.find((edge) => edge.node.id === tenantByIndex(0).id)!.node;
    expect(active.delegatedAccess.status).toBe("ACTIVE");
    expect(active.subscriptions!.length).toBeGreaterThan(0);
    expect(active.serviceHealth!.length).toBeGreaterThan(0);
    expect(active.healthSummary).not.toBeNull();
    expect(active.adminPortals.map((link) => link.product).sort()).toEqual(["AZURE", "DYNAMICS_365", "MICROSOFT_365"]);
    expect(active.adminPortals[0]!.url).toContain(active.id);

    const counts = (await gw.emulator("/_emulator/requests")).json;
    expect(counts.total).toBeGreaterThan(25);
    expect(counts.tokens).toBeGreaterThan(0);
  });

  it("gives an expired-relationship customer a FORBIDDEN health field while the rest is there", async () => {
    const expired = tenantByIndex(1);
    const result = await gw.gql(DashboardDocument, { first: 100 });
    expectNoInternalErrors(result);
    const index = result.data!.customers.edges.findIndex((edge) => edge.node.id === expired.id);
    const node = result.data!.customers.edges[index]!.node;
    expect(node.delegatedAccess.status).toBe("EXPIRED");
    expect(node.serviceHealth).toBeNull();
    const healthError = result.errors.find(
      (error) => error.path?.join(".") === `customers.edges.${index}.node.serviceHealth`,
    );
    expect(healthError?.extensions.code).toBe("FORBIDDEN");
    expect(result.errors.every((error) => error.extensions.code === "FORBIDDEN")).toBe(true);
    const others = result.data!.customers.edges.filter((edge) => ["ACTIVE", "EXPIRING"].includes(edge.node.delegatedAccess.status));
    expect(others.length).toBeGreaterThan(15);
    expect(others.filter((edge) => edge.node.serviceHealth === null).map((edge) => edge.node.name)).toEqual([
      tenantByIndex(4).name, // active relationship without a service health role: Graph answers 403
    ]);
  });

  it("shows NONE for a Partner Center customer without any GDAP relationship", async () => {
    const result = await gw.gql(DashboardDocument, { first: 100 });
    const none = result.data!.customers.edges.find((edge) => edge.node.id === tenantByIndex(3).id)!.node;
    expect(none.delegatedAccess).toEqual({ status: "NONE", roles: [], endsAt: null });
  });

  it("keeps every other customer's data when one tenant's health route answers 503", async () => {
    const victim = tenantByIndex(7);
    await gw.emulator("/_emulator/faults", { match: "healthOverviews", tenant: victim.id, status: 503, times: 50 });
    try {
      const result = await gw.gql(DashboardDocument, { first: 100 });
      expectNoInternalErrors(result);
      const edges = result.data!.customers.edges;
      const index = edges.findIndex((edge) => edge.node.id === victim.id);
      expect(edges[index]!.node.serviceHealth).toBeNull();
      expect(edges[index]!.node.subscriptions!.length).toBeGreaterThan(0);
      const unavailable = result.errors.filter((error) => error.extensions.code === "UPSTREAM_UNAVAILABLE");
      expect(unavailable.length).toBeGreaterThan(0);
      expect(unavailable.every((error) => error.path?.[2] === index)).toBe(true);
      const usable = edges.filter((edge) => ["ACTIVE", "EXPIRING"].includes(edge.node.delegatedAccess.status));
      const readable = usable.filter((edge) => edge.node.id !== tenantByIndex(4).id && edge.node.id !== victim.id);
      expect(readable.every((edge) => edge.node.serviceHealth !== null)).toBe(true);
      expect(readable.length).toBe(usable.length - 2);
    } finally {
      await gw.emulator("/_emulator/faults", undefined, "DELETE");
    }
  });

  it("pages with opaque cursors and refuses forged ones and oversized pages", async () => {
    const first = await gw.gql(DashboardDocument, { first: 10 });
    expect(first.data!.customers.edges).toHaveLength(10);
    expect(first.data!.customers.pageInfo.hasNextPage).toBe(true);
    const second = await gw.gql(DashboardDocument, { first: 10, after: first.data!.customers.pageInfo.endCursor });
    const ids = new Set([...first.data!.customers.edges, ...second.data!.customers.edges].map((edge) => edge.node.id));
    expect(ids.size).toBe(20);

    const forged = await gw.gql(DashboardDocument, { first: 10, after: Buffer.from("customer:999").toString("base64url") });
    expect(forged.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const huge = await gw.gql(DashboardDocument, { first: 500 });
    expect(huge.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const negative = await gw.gql(DashboardDocument, { first: -1 });
    expect(negative.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("searches by name or domain", async () => {
    const target = tenantByIndex(9);
    const result = await gw.gql(DashboardDocument, { first: 100, search: target.domain.toUpperCase() });
    expect(result.data!.customers.edges.map((edge) => edge.node.id)).toEqual([target.id]);
  });

  it("lets a sales agent read subscriptions but not service health", async () => {
    const result = await gw.gql(DashboardDocument, { first: 5 }, { role: "SALES_AGENT" });
    const edges = result.data!.customers.edges;
    expect(edges.some((edge) => (edge.node.subscriptions?.length ?? 0) > 0)).toBe(true);
    expect(edges.every((edge) => edge.node.serviceHealth === null)).toBe(true);
    expect(result.errors.some((error) => error.extensions.code === "FORBIDDEN" && error.path?.at(-1) === "serviceHealth")).toBe(true);
  });
});

describe("incidents, topics and vehicles", () => {
  it("lists active incidents across customers with usable delegated access", async () => {
    const result = await gw.gql(ServiceIncidentsDocument, { activeOnly: true });
    expectNoInternalErrors(result);
    expect(result.data!.serviceIncidents.length).toBeGreaterThan(0);
    expect(result.data!.serviceIncidents.every((incident) => !incident.isResolved)).toBe(true);
  });

  it("answers NOT_FOUND for incidents of an unknown customer", async () => {
    const result = await gw.gql(ServiceIncidentsDocument, { customerId: "00000000-0000-0000-0000-000000000000" });
    expect(result.errors[0]?.extensions.code).toBe("NOT_FOUND");
  });

  it("lists support topics by product", async () => {
    const all = await gw.gql(SupportTopicsDocument, {});
    const m365 = await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" });
    expect(all.data!.supportTopics.length).toBeGreaterThan(m365.data!.supportTopics.length);
    expect(m365.data!.supportTopics.every((topic) => topic.product === "MICROSOFT_365")).toBe(true);
  });

  it("lists all four support vehicles with the sandbox partner's entitlements", async () => {
    const result = await gw.gql(SupportVehiclesDocument, {});
    const byVehicle = Object.fromEntries(result.data!.supportVehicles.map((item) => [item.vehicle, item.entitled]));
    expect(byVehicle).toEqual({
      COMMERCIAL: true,
      PREMIER_SUPPORT_FOR_PARTNERS: false,
      ADVANCED_SUPPORT_FOR_PARTNERS: true,
      SIGNATURE_CLOUD_SUPPORT: false,
    });
  });
});

describe("health endpoints", () => {
  it("reports the process up and its dependencies ready", async () => {
    const health = await fetch(`${gw.app.gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${gw.app.gateway.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { ok: true }, upstream: { ok: true } } });
  });
});
