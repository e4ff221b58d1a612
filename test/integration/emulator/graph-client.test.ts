import type { AccessToken, TokenCredential } from "@azure/identity";
import { Client, PageIterator } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, startKit, tenantAt, type EmulatorKit } from "./emulator-test-kit";

/** The Graph JS client as the adapters use it: baseUrl + customHosts + a per-request CA dispatcher. */
describe("emulator with the Microsoft Graph JS client", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit({ tenants: 10 });
  });
  afterAll(async () => {
    await kit.close();
  });

  function clientFor(tenantId: string): Client {
    const credential: TokenCredential = {
      async getToken(scopes, options): Promise<AccessToken> {
        const token = await kit.token(options?.tenantId ?? tenantId, Array.isArray(scopes) ? scopes[0] : scopes);
        return { token, expiresOnTimestamp: Date.now() + 3_000_000 };
      },
    };
    const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE], getTokenOptions: { tenantId } });
    return Client.initWithMiddleware({
      authProvider,
      baseUrl: `${kit.emulator.url}/`,
      customHosts: new Set(["localhost"]),
      fetchOptions: { dispatcher: kit.agent },
    });
  }

  it("follows absolute nextLinks with PageIterator and sees every relationship once", async () => {
    const client = clientFor(kit.emulator.partnerTenantId);
    const first = await client.api("/tenantRelationships/delegatedAdminRelationships").top(3).get();
    const ids: string[] = [];
    const iterator = new PageIterator(client, first, (item: { id: string }) => {
      ids.push(item.id);
      return true;
    });
    await iterator.iterate();
    expect(ids).toEqual(kit.emulator.seed.tenants.flatMap((t) => t.relationships.map((r) => r.id)));
  });

  it("reads a customer's health with $expand and surfaces a GDAP 403 as a GraphError", async () => {
    const health = await clientFor(tenantAt(kit, 0)).api("/admin/serviceAnnouncement/healthOverviews").expand("issues").get();
    expect(health.value.length).toBeGreaterThan(0);
    await expect(clientFor(tenantAt(kit, 4)).api("/admin/serviceAnnouncement/healthOverviews").get()).rejects.toMatchObject({
      statusCode: 403,
      code: "Authorization_RequestDenied",
    });
  });
});
