import { describe, expect, it } from "vitest";
import type { GraphCollection, GraphServiceHealth } from "../../../../src/cloud/graph/graph-types";
import {
  mapTenantHealth,
  parseIncidentClassification,
  parseServiceHealthStatus,
} from "../../../../src/cloud/graph/service-health.mapper";
import { loadFixture } from "../../../fixtures/load-fixture";

const overviews = loadFixture<GraphCollection<GraphServiceHealth>>("graph/health-overviews-expand-issues.json").value!;
const TENANT = "4e2a8f0b-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

describe("parseServiceHealthStatus", () => {
  it("parses camelCase and PascalCase", () => {
    expect(parseServiceHealthStatus("serviceOperational")).toBe("SERVICE_OPERATIONAL");
    expect(parseServiceHealthStatus("ServiceOperational")).toBe("SERVICE_OPERATIONAL");
    expect(parseServiceHealthStatus("postIncidentReviewPublished")).toBe("POST_INCIDENT_REVIEW_PUBLISHED");
  });

  it("maps unknownFutureValue and new values to UNKNOWN", () => {
    expect(parseServiceHealthStatus("unknownFutureValue")).toBe("UNKNOWN");
    expect(parseServiceHealthStatus("brandNewStatus")).toBe("UNKNOWN");
  });
});

describe("parseIncidentClassification", () => {
  it("parses advisory and incident in either casing, else UNKNOWN", () => {
    expect(parseIncidentClassification("Advisory")).toBe("ADVISORY");
    expect(parseIncidentClassification("incident")).toBe("INCIDENT");
    expect(parseIncidentClassification("unknownFutureValue")).toBe("UNKNOWN");
  });
});

describe("mapTenantHealth", () => {
  const health = mapTenantHealth(TENANT, overviews);

  it("returns one row per service with its status, product and unresolved issue count", () => {
    expect(health.tenantId).toBe(TENANT);
    expect(health.services).toEqual([
      { serviceId: "Exchange", service: "Exchange Online", status: "SERVICE_DEGRADATION", product: "MICROSOFT_365", activeIncidentCount: 1 },
      { serviceId: "microsoftteams", service: "Microsoft Teams", status: "SERVICE_OPERATIONAL", product: "MICROSOFT_365", activeIncidentCount: 0 },
      { serviceId: "DynamicsCRM", service: "Dynamics 365 Apps", status: "INVESTIGATION_SUSPENDED", product: "DYNAMICS_365", activeIncidentCount: 1 },
      { serviceId: "MicrosoftFlow", service: "Power Automate", status: "UNKNOWN", product: "DYNAMICS_365", activeIncidentCount: 0 },
    ]);
  });

  it("maps every embedded issue, resolved ones included", () => {
    expect(health.incidents.map((incident) => incident.id)).toEqual(["EX226792", "EX219001", "CR500100"]);
  });

  it("maps an issue's fields, dates and PascalCase enums", () => {
    const incident = health.incidents.find((candidate) => candidate.id === "EX226792")!;
    expect(incident).toMatchObject({
      tenantId: TENANT,
      title: "Users may be unable to access their mailboxes",
      service: "Exchange Online",
      product: "MICROSOFT_365",
      feature: "E-Mail and calendar access",
      classification: "INCIDENT",
      status: "SERVICE_DEGRADATION",
      isResolved: false,
      impactDescription: "Users may be unable to access their mailbox using Outlook on the web.",
      endDateTime: null,
    });
    expect(incident.startDateTime.toISOString()).toBe("2024-02-26T09:32:00.000Z");
    expect(incident.lastModifiedDateTime?.toISOString()).toBe("2024-02-26T11:05:10.023Z");
    expect(incident.posts).toHaveLength(2);
    expect(incident.posts[0]).toEqual({
      createdAt: new Date("2024-02-26T09:40:00.500Z"),
      postType: "REGULAR",
      content: "Title: Users may be unable to access their mailboxes<br>User Impact: ...",
    });
    expect(incident.posts[1]?.postType).toBe("QUICK");
  });

  it("tolerates missing optional fields and unknown enum values", () => {
    const incident = health.incidents.find((candidate) => candidate.id === "CR500100")!;
    expect(incident).toMatchObject({
      classification: "UNKNOWN",
      status: "UNKNOWN",
      feature: null,
      impactDescription: null,
      endDateTime: null,
      lastModifiedDateTime: null,
      posts: [],
      product: "DYNAMICS_365",
    });
  });

  it("reports a resolved advisory with its end date", () => {
    const advisory = health.incidents.find((candidate) => candidate.id === "EX219001")!;
    expect(advisory).toMatchObject({ classification: "ADVISORY", status: "SERVICE_RESTORED", isResolved: true });
    expect(advisory.endDateTime?.toISOString()).toBe("2024-01-10T14:30:00.000Z");
  });

  it("lists an issue once even if two overviews embed it", () => {
    const exchange = overviews[0]!;
    const twice = mapTenantHealth(TENANT, [exchange, { ...exchange, id: "ExchangeCopy" }]);
    expect(twice.incidents).toHaveLength(2);
  });

  it("returns no services and no incidents for an empty tenant", () => {
    expect(mapTenantHealth(TENANT, [])).toEqual({ tenantId: TENANT, services: [], incidents: [] });
  });
});
