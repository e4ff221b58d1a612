import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldDelegatedAccess } from "../../src/cloud/graph/delegated-access.mapper";
import type { GraphCollection, GraphDelegatedAdminRelationship, GraphServiceHealth } from "../../src/cloud/graph/graph-types";
import { mapTenantHealth } from "../../src/cloud/graph/service-health.mapper";
import { loadFixture } from "../fixtures/load-fixture";
import { startKit, tenantAt, type EmulatorKit } from "../integration/emulator/emulator-test-kit";
import { graphErrorViolations, graphShapeViolations, relationshipType } from "./support/graph-resource-shape";
import { extraPaths, shapeOf } from "./support/json-shape";

/**
 * Graph, both ways (issue 12): (a) the gateway's mappers read Microsoft's published examples into
 * the right domain values; (b) every emulator answer on the routes the gateway calls has the shape
 * of the v1.0 resource pages (no property they do not list, enum members only) and Microsoft's
 * error body. Sources: test/fixtures/microsoft/SOURCES.md.
 */
const healthOverviews = loadFixture<GraphCollection<GraphServiceHealth>>("microsoft/graph/list-healthoverviews.json");
const healthWithIssues = loadFixture<GraphCollection<GraphServiceHealth>>("microsoft/graph/list-healthoverviews-expand-issues.json");
const relationships = loadFixture<GraphCollection<GraphDelegatedAdminRelationship>>("microsoft/graph/list-delegatedadminrelationships.json");

const TENANT = "52eaad04-13a2-4a2f-9ce8-93a294fadf36";

describe("Graph mappers read Microsoft's examples", () => {
  it("list healthOverviews (example 1): one ServiceHealth per service, statuses parsed from PascalCase, no incidents", () => {
    const health = mapTenantHealth(TENANT, healthOverviews.value!);
    expect(health.services).toEqual([
      { serviceId: "Exchange", service: "Exchange Online", status: "SERVICE_OPERATIONAL", product: "MICROSOFT_365", activeIncidentCount: 0 },
      { serviceId: "OrgLiveID", service: "Identity Service", status: "SERVICE_RESTORED", product: expect.any(String), activeIncidentCount: 0 },
      { serviceId: "OSDPPlatform", service: "Microsoft 365 suite", status: "SERVICE_OPERATIONAL", product: expect.any(String), activeIncidentCount: 0 },
    ]);
    expect(health.incidents).toEqual([]);
  });

  it("list healthOverviews?$expand=issues (example 2): the resolved advisory EX226574 with its post", () => {
    const health = mapTenantHealth(TENANT, healthWithIssues.value!);
    expect(health.services).toEqual([
      { serviceId: "Exchange", service: "Exchange Online", status: "SERVICE_OPERATIONAL", product: "MICROSOFT_365", activeIncidentCount: 0 },
    ]);
    expect(health.incidents).toEqual([
      {
        id: "EX226574",
        tenantId: TENANT,
        title: "Admins are unable to migrate some user mailboxes from IMAP using the Exchange admin center or PowerShell",
        service: "Exchange Online",
        product: "MICROSOFT_365",
        feature: "Tenant Administration (Provisioning, Remote PowerShell)",
        classification: "ADVISORY",
        status: "SERVICE_RESTORED",
        isResolved: true,
        impactDescription: "Admins attempting to migrate some user mailboxes using the Exchange admin center or PowerShell experienced failures.",
        startDateTime: new Date("2020-11-04T00:00:00Z"),
        endDateTime: new Date("2020-11-20T17:00:00Z"),
        lastModifiedDateTime: new Date("2020-11-20T17:56:31.39Z"),
        posts: [
          {
            createdAt: new Date("2020-11-12T07:07:38.97Z"),
            postType: "REGULAR",
            content: "Title: Exchange Online service has login issue. We'll provide an update within 30 minutes.",
          },
        ],
      },
    ]);
  });

  it("list delegatedAdminRelationships: active beats the reseller's approvalPending one; terminated stays terminated", () => {
    const access = foldDelegatedAccess(relationships.value!);
    expect([...access.keys()].sort()).toEqual([TENANT, "4b827261-d21f-4aa9-b7db-7fa1f56fb163"].sort());
    // Only the roles in force (the active relationship's), not the pending reseller relationship's nine.
    expect(access.get(TENANT)).toEqual({
      customerTenantId: TENANT,
      status: "ACTIVE",
      roles: ["dd4db9a0-cc4a-4213-9f9f-70242232d97e"],
      endsAt: new Date("2024-02-10T11:24:42.3148266Z"),
    });
    expect(access.get("4b827261-d21f-4aa9-b7db-7fa1f56fb163")).toEqual({
      customerTenantId: "4b827261-d21f-4aa9-b7db-7fa1f56fb163",
      status: "TERMINATED",
      roles: ["29232cdf-9323-42fd-ade2-1d097af3e4de", "3a2c62db-5318-420d-8d74-23affee5d9d5"],
      endsAt: new Date("2021-10-29T16:57:20.2101088Z"),
    });
  });

  it("the shape checker accepts Microsoft's own examples (so it is not stricter than Microsoft)", () => {
    for (const overview of [...healthOverviews.value!, ...healthWithIssues.value!]) {
      expect(graphShapeViolations(overview, "serviceHealth")).toEqual([]);
    }
    for (const relationship of relationships.value!) {
      expect(graphShapeViolations(relationship, relationshipType(relationship))).toEqual([]);
    }
  });

  it("the error checker takes Microsoft's error examples and refuses an invented or a missing field", () => {
    const published = { error: { code: "badRequest", message: "Bad request.", innerError: { date: "2021-09-14T19:05:24", "request-id": "r-1", "client-request-id": "c-1" } } };
    expect(graphErrorViolations(published)).toEqual([]);
    expect(graphErrorViolations({ error: { ...published.error, target: "x" } })).toEqual(["error.target (not in the example)"]);
    expect(graphErrorViolations({ error: { code: "badRequest", message: "Bad request.", innerError: { date: "2021-09-14T19:05:24" } } })).toEqual(["error.innerError.request-id (missing)"]);
  });

  it("the shape checker refuses an invented property and a non-member enum value", () => {
    const issue = { ...healthWithIssues.value![0]!.issues![0]!, highImpact: null, classification: "ADVISORY" };
    expect(graphShapeViolations(issue, "serviceHealthIssue")).toEqual([
      'serviceHealthIssue.classification: "ADVISORY" is not a serviceHealthClassificationType member',
      "serviceHealthIssue.highImpact: not a property of serviceHealthIssue",
    ]);
  });
});

describe("the emulator answers Graph as Microsoft documents it", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit({ tenants: 8 });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it("healthOverviews, with and without $expand=issues, for every customer tenant that can read health", async () => {
    let checked = 0;
    let issues = 0;
    for (const tenant of kit.emulator.seed.tenants) {
      for (const query of ["", "?$expand=issues"]) {
        const response = await kit.graph(tenant.id, `/admin/serviceAnnouncement/healthOverviews${query}`);
        if (response.status === 403) {
          expect(graphErrorViolations(response.body)).toEqual([]);
          continue;
        }
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(["@odata.context", "value"]);
        // The context URL as in Microsoft's examples, on the emulator's origin.
        const published = (query === "" ? healthOverviews : healthWithIssues)["@odata.context"]!;
        expect(response.body["@odata.context"]).toBe(published.replace("https://graph.microsoft.com", kit.emulator.url));
        for (const overview of response.body.value) {
          expect(graphShapeViolations(overview, "serviceHealth")).toEqual([]);
          if (query === "") expect(overview).not.toHaveProperty("issues");
          issues += (overview.issues ?? []).length;
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(issues).toBeGreaterThan(0);
  });

  it("the emulator's other service-communications routes (issues, issue by id, one overview) answer the same shapes", async () => {
    const tenant = tenantAt(kit, 0);
    const issues = await kit.graph(tenant, "/admin/serviceAnnouncement/issues");
    expect(issues.status).toBe(200);
    expect(issues.body.value.length).toBeGreaterThan(0);
    // The list example (serviceannouncement-list-issues.md): its context on the emulator's origin, no other top-level field.
    const issuesExample = loadFixture<Record<string, unknown>>("microsoft/graph/list-issues.json");
    expect(issues.body["@odata.context"]).toBe(String(issuesExample["@odata.context"]).replace("https://graph.microsoft.com", kit.emulator.url));
    for (const key of Object.keys(issues.body)) expect(Object.keys(issuesExample)).toContain(key);
    const paged = await kit.graph(tenant, "/admin/serviceAnnouncement/issues", { headers: { Prefer: "odata.maxpagesize=1" } });
    expect(issues.body.value.length).toBeGreaterThan(1);
    expect(paged.body["@odata.nextLink"]).toMatch(/\/admin\/serviceAnnouncement\/issues\?\$skip=\d+$/);
    expect(String(issuesExample["@odata.nextLink"])).toMatch(/\/admin\/serviceAnnouncement\/issues\?\$skip=\d+$/);
    for (const issue of issues.body.value) expect(graphShapeViolations(issue, "serviceHealthIssue")).toEqual([]);
    const one = await kit.graph(tenant, `/admin/serviceAnnouncement/issues/${issues.body.value[0].id}`);
    const { "@odata.context": issueContext, ...issue } = one.body;
    expect(issueContext).toContain("$metadata#admin/serviceAnnouncement/issues/$entity");
    expect(graphShapeViolations(issue, "serviceHealthIssue")).toEqual([]);
    const overviews = await kit.graph(tenant, "/admin/serviceAnnouncement/healthOverviews");
    const single = await kit.graph(tenant, `/admin/serviceAnnouncement/healthOverviews/${encodeURIComponent(overviews.body.value[0].service)}?$expand=issues`);
    expect(single.status).toBe(200);
    const { "@odata.context": overviewContext, ...overview } = single.body;
    expect(overviewContext).toContain("$metadata#admin/serviceAnnouncement/healthOverviews/$entity");
    expect(graphShapeViolations(overview, "serviceHealth")).toEqual([]);
  });

  it("delegatedAdminRelationships, every page", async () => {
    let url: string | undefined = "/tenantRelationships/delegatedAdminRelationships?$top=3";
    let count = 0;
    while (url) {
      const response: { status: number; body: any } = await kit.graph(kit.emulator.partnerTenantId, url);
      expect(response.status).toBe(200);
      expect(response.body["@odata.context"]).toBe(relationships["@odata.context"]!.replace("https://graph.microsoft.com", kit.emulator.url));
      for (const relationship of response.body.value) {
        expect(graphShapeViolations(relationship, relationshipType(relationship))).toEqual([]);
        count++;
      }
      url = response.body["@odata.nextLink"];
    }
    expect(count).toBe(kit.emulator.seed.tenants.flatMap((tenant) => tenant.relationships).length);
  });

  it("delegatedAdminCustomers (list and by id): the list example's context and exactly its item fields", async () => {
    const example = loadFixture<GraphCollection<Record<string, unknown>>>("microsoft/graph/list-delegatedadmincustomers.json");
    const list = await kit.graph(kit.emulator.partnerTenantId, "/tenantRelationships/delegatedAdminCustomers");
    expect(list.status).toBe(200);
    expect(list.body["@odata.context"]).toBe(example["@odata.context"]!.replace("https://graph.microsoft.com", kit.emulator.url));
    expect(list.body.value.length).toBeGreaterThan(0);
    for (const customer of list.body.value) {
      expect(Object.keys(customer).sort()).toEqual(Object.keys(example.value![0]!).sort());
      expect(extraPaths(customer, shapeOf(...example.value!))).toEqual([]);
      expect(customer["@odata.etag"]).toMatch(/^W\/"[^"]+"$/);
    }
    const one = await kit.graph(kit.emulator.partnerTenantId, `/tenantRelationships/delegatedAdminCustomers/${list.body.value[0].id}`);
    const { "@odata.context": context, ...customer } = one.body;
    expect(context).toContain("$metadata#delegatedAdminCustomers/$entity");
    expect(Object.keys(customer).sort()).toEqual(Object.keys(example.value![0]!).sort());
  });

  it("errors carry Graph's error body: 403 for a customer tenant reading GDAP, 400 for an unknown segment", async () => {
    const denied = await kit.graph(tenantAt(kit, 0), "/tenantRelationships/delegatedAdminRelationships");
    expect(denied.status).toBe(403);
    expect(graphErrorViolations(denied.body)).toEqual([]);
    const unknown = await kit.graph(tenantAt(kit, 0), "/admin/serviceAnnouncement/nope", { headers: { "client-request-id": "c-1" } });
    expect(unknown.status).toBe(400);
    expect(graphErrorViolations(unknown.body)).toEqual([]);
    expect(unknown.body.error.innerError["client-request-id"]).toBe("c-1");
  });

  it("$batch: the JSON batching example's shape (200 when parseable, responses of {id, status, headers, body}, inner errors as Graph's)", async () => {
    const example = loadFixture<{ responses: { id: string; status: number; headers: Record<string, string>; body: unknown }[] }>("microsoft/graph/json-batching.response.json");
    const res = await kit.graph(tenantAt(kit, 0), "/$batch", {
      method: "POST",
      body: {
        requests: [
          { id: "1", method: "GET", url: "/admin/serviceAnnouncement/healthOverviews" },
          { id: "2", method: "GET", url: "/tenantRelationships/delegatedAdminRelationships" },
          { id: "3", method: "POST", url: "/admin/serviceAnnouncement/issues", body: {}, headers: { "Content-Type": "application/json" } },
          { id: "4", method: "GET", url: "/admin/serviceAnnouncement/nope" },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(Object.keys(example));
    const itemKeys = Object.keys(example.responses[0]!).sort();
    const mediaType = (value: string | undefined) => (value ?? "").split(";")[0];
    const statuses: Record<string, number> = {};
    for (const item of res.body.responses as { id: string; status: number; headers: Record<string, string>; body: unknown }[]) {
      expect(Object.keys(item).sort()).toEqual(itemKeys);
      expect(typeof item.id).toBe("string");
      expect(typeof item.status).toBe("number");
      // Every published item names Cache-Control and Content-Type.
      expect(item.headers["Cache-Control"]).toBe(example.responses[0]!.headers["Cache-Control"]);
      expect(mediaType(item.headers["Content-Type"])).toBe("application/json");
      if (item.status >= 400) expect(graphErrorViolations(item.body), item.id).toEqual([]);
      statuses[item.id] = item.status;
    }
    expect(statuses).toEqual({ "1": 200, "2": 403, "3": 405, "4": 400 });
    expect(mediaType(example.responses[0]!.headers["Content-Type"])).toBe("application/json");
  });

  it("an injected fault answers in Graph's error body too", async () => {
    await kit.control("POST", "/faults", { match: "/healthOverviews$", status: 503, times: 1 });
    const response = await kit.graph(tenantAt(kit, 0), "/admin/serviceAnnouncement/healthOverviews");
    expect(response.status).toBe(503);
    expect(graphErrorViolations(response.body)).toEqual([]);
  });
});
