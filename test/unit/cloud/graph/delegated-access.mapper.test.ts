import { describe, expect, it } from "vitest";
import { foldDelegatedAccess, parseRelationshipStatus } from "../../../../src/cloud/graph/delegated-access.mapper";
import type { GraphCollection, GraphDelegatedAdminRelationship } from "../../../../src/cloud/graph/graph-types";
import { loadFixture } from "../../../fixtures/load-fixture";

const relationships = loadFixture<GraphCollection<GraphDelegatedAdminRelationship>>(
  "graph/delegated-admin-relationships.json",
).value!;

const CONTOSO = "4e2a8f0b-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
const FABRIKAM = "a1b2c3d4-0000-4000-8000-000000000002";
const NORTHWIND = "b2c3d4e5-0000-4000-8000-000000000003";
const SSA = "f023fd81-a637-4b56-95fd-791ac0226033";
const GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
const HELPDESK = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";

describe("parseRelationshipStatus", () => {
  it("parses every documented status in either casing", () => {
    expect(parseRelationshipStatus("approvalPending")).toBe("APPROVAL_PENDING");
    expect(parseRelationshipStatus("ApprovalPending")).toBe("APPROVAL_PENDING");
    expect(parseRelationshipStatus("terminationRequested")).toBe("TERMINATION_REQUESTED");
    expect(parseRelationshipStatus("Active")).toBe("ACTIVE");
  });

  it("maps unknownFutureValue and unknown values to NONE", () => {
    expect(parseRelationshipStatus("unknownFutureValue")).toBe("NONE");
    expect(parseRelationshipStatus(undefined)).toBe("NONE");
  });
});

describe("foldDelegatedAccess", () => {
  const access = foldDelegatedAccess(relationships);

  it("keys customers by lower-case tenant id and ignores relationships without a customer", () => {
    expect([...access.keys()].sort()).toEqual([CONTOSO, FABRIKAM, NORTHWIND].sort());
  });

  it("lets an active relationship win over an expired one of the same customer (ids in any case)", () => {
    expect(access.get(CONTOSO)?.status).toBe("ACTIVE");
  });

  it("unites the roles of the usable relationships only, without duplicates", () => {
    expect(access.get(CONTOSO)?.roles.sort()).toEqual([SSA, GLOBAL_READER, HELPDESK].sort());
    expect(access.get(CONTOSO)?.roles).not.toContain(GLOBAL_ADMIN);
  });

  it("takes the latest end date of the usable relationships", () => {
    expect(access.get(CONTOSO)?.endsAt?.toISOString()).toBe("2026-06-30T00:00:00.000Z");
  });

  it("prefers a pending relationship over a terminated one and reports its roles", () => {
    const fabrikam = access.get(FABRIKAM);
    expect(fabrikam?.status).toBe("APPROVAL_PENDING");
    expect(fabrikam?.roles).toEqual([SSA]);
    expect(fabrikam?.endsAt).toBeNull();
  });

  it("reports NONE with no roles for a relationship in an unknown status", () => {
    expect(access.get(NORTHWIND)).toEqual({ customerTenantId: NORTHWIND, status: "NONE", roles: [], endsAt: null });
  });

  it("returns an empty map for no relationships", () => {
    expect(foldDelegatedAccess([]).size).toBe(0);
  });

  it("lets the best status win whatever the order", () => {
    const tenant = { tenantId: "t1" };
    const folded = foldDelegatedAccess([
      { status: "expired", customer: tenant },
      { status: "terminated", customer: tenant },
      { status: "expiring", customer: tenant, accessDetails: { unifiedRoles: [{ roleDefinitionId: SSA }] } },
      { status: "approvalPending", customer: tenant },
    ]);
    expect(folded.get("t1")).toMatchObject({ status: "EXPIRING", roles: [SSA] });
  });
});
