import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentAssertion, EmulatorOnBehalfOf } from "../../contract/support/emulator-user-tokens";
import { loadFixture } from "../../fixtures/load-fixture";
import { GRAPH_SCOPE, startKit, type EmulatorKit } from "./emulator-test-kit";

const RELATIONSHIPS = "/tenantRelationships/delegatedAdminRelationships";

/** Graph's delegatedadminrelationship-post-requests, as the emulator answers it. */
describe("emulated Graph: POST delegatedAdminRelationships/{id}/requests", () => {
  let kit: EmulatorKit;
  let userToken: string;
  beforeAll(async () => {
    kit = await startKit({ tenants: 8 });
    const exchange = new EmulatorOnBehalfOf(kit.emulator);
    userToken = await exchange.getToken(agentAssertion({ oid: "8b0c1f9e-2f57-4f3c-9a55-1c3c8a7d1e01", name: "Ada Admin" }), GRAPH_SCOPE);
    await exchange.close();
  });
  afterAll(async () => {
    await kit.close();
  });

  const asUser = (path: string, body: unknown) =>
    kit.request("POST", `/v1.0${path}`, {
      headers: { authorization: `Bearer ${userToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const activeRelationship = () => {
    const found = kit.emulator.seed.tenants.flatMap((t) => t.relationships).find((r) => r.status === "active");
    if (!found) throw new Error("the seed has no active relationship");
    return found;
  };

  it("terminates an active relationship: 201 with the request object, and the customer leaves delegatedAdminCustomers", async () => {
    const relationship = activeRelationship();
    const customersBefore = (await kit.graph(kit.emulator.partnerTenantId, "/tenantRelationships/delegatedAdminCustomers")).body.value as { id: string }[];
    expect(customersBefore.map((c) => c.id)).toContain(relationship.customer.tenantId);

    const res = await asUser(`${RELATIONSHIPS}/${relationship.id}/requests`, { action: "terminate" });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`${kit.emulator.url}/v1.0${RELATIONSHIPS}/${relationship.id}/requests/${res.body.id}`);
    // Exactly the fields of Microsoft's published 201 example.
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(loadFixture<Record<string, unknown>>("microsoft/graph/create-delegatedadminrelationshiprequest.json")).sort());
    expect(res.body).toMatchObject({ "@odata.type": "#microsoft.graph.delegatedAdminRelationshipRequest", action: "terminate", status: "succeeded" });
    expect(res.body["@odata.context"]).toBe(`${kit.emulator.url}/v1.0/tenantRelationships/$metadata#requests`);

    const after = await kit.graph(kit.emulator.partnerTenantId, `${RELATIONSHIPS}/${relationship.id}`);
    expect(after.body.status).toBe("terminated");
    expect(after.body.endDateTime).toBe(res.body.createdDateTime);
    const stillWithAccess = kit.emulator.seed.tenants.some((t) => t.id === relationship.customer.tenantId && t.relationships.some((r) => r.status === "active"));
    const customersAfter = (await kit.graph(kit.emulator.partnerTenantId, "/tenantRelationships/delegatedAdminCustomers")).body.value as { id: string }[];
    expect(customersAfter.map((c) => c.id).includes(relationship.customer.tenantId)).toBe(stillWithAccess);

    const again = await asUser(`${RELATIONSHIPS}/${relationship.id}/requests`, { action: "terminate" });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("BadRequest");
  });

  it("refuses app-only tokens (Application: not supported), unknown actions and unknown relationships", async () => {
    const relationship = activeRelationship();
    const appOnly = await kit.graph(kit.emulator.partnerTenantId, `${RELATIONSHIPS}/${relationship.id}/requests`, { method: "POST", body: { action: "terminate" } });
    expect(appOnly.status).toBe(403);
    expect(appOnly.body.error.code).toBe("Authorization_RequestDenied");
    expect(relationship.status).toBe("active");

    const badAction = await asUser(`${RELATIONSHIPS}/${relationship.id}/requests`, { action: "approveEverything" });
    expect(badAction.status).toBe(400);
    const notJson = await kit.request("POST", `/v1.0${RELATIONSHIPS}/${relationship.id}/requests`, {
      headers: { authorization: `Bearer ${userToken}`, "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    const unknown = await asUser(`${RELATIONSHIPS}/00000000-0000-0000-0000-000000000000-00000000-0000-0000-0000-000000000000/requests`, { action: "terminate" });
    expect(unknown.status).toBe(404);
    expect(relationship.status).toBe("active");
  });
});
