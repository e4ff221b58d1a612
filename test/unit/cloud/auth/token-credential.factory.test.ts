import { describe, expect, it } from "vitest";
import { CachingTokenCredential } from "../../../../src/cloud/auth/caching-token.credential";
import { connectionOf, createTokenCredential } from "../../../../src/cloud/auth/token-credential.factory";

const base = { mode: "microsoft", cloud: "public", partnerTenantId: "11111111-1111-1111-1111-111111111111", clientId: "22222222-2222-2222-2222-222222222222" } as const;

describe("createTokenCredential", () => {
  it("wraps a client secret credential in the per-tenant cache in microsoft mode", () => {
    expect(createTokenCredential({ ...base, clientSecret: "s3cret" })).toBeInstanceOf(CachingTokenCredential);
  });

  it("refuses microsoft mode without exactly one kind of secret", () => {
    expect(() => createTokenCredential({ ...base })).toThrow(/exactly one/);
    expect(() => createTokenCredential({ ...base, clientSecret: "s", certificatePath: "/tmp/cert.pem" })).toThrow(/exactly one/);
  });

  it("builds the same credential in sandbox mode, with the emulator as authority and instance discovery off", async () => {
    const sandbox = { mode: "sandbox", authorityUrl: "https://localhost:4010/", partnerTenantId: base.partnerTenantId, clientId: base.clientId, clientSecret: "emulator-secret" } as const;
    const credential = createTokenCredential(sandbox);
    expect(credential).toBeInstanceOf(CachingTokenCredential);
    expect(connectionOf(sandbox)).toMatchObject({ authorityHost: "https://localhost:4010", disableInstanceDiscovery: true });
    await credential.close();
  });

  it("keeps instance discovery for the cloud's own authority and turns it off for an override", () => {
    expect(connectionOf({ ...base, clientSecret: "s" })).toMatchObject({ authorityHost: "https://login.microsoftonline.com", disableInstanceDiscovery: false });
    expect(connectionOf({ ...base, cloud: "china", clientSecret: "s" })).toMatchObject({ authorityHost: "https://login.chinacloudapi.cn", disableInstanceDiscovery: false });
    expect(connectionOf({ ...base, clientSecret: "s", authorityHost: "https://login.contoso.example/" })).toMatchObject({
      authorityHost: "https://login.contoso.example",
      disableInstanceDiscovery: true,
    });
  });
});

describe("CachingTokenCredential", () => {
  it("asks the inner credential once per tenant and scope, defaulting to the partner tenant", async () => {
    const calls: Array<string | undefined> = [];
    const inner = {
      getToken: async (_scopes: string | string[], options?: { tenantId?: string }) => {
        calls.push(options?.tenantId);
        return { token: `t-${options?.tenantId}`, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const credential = new CachingTokenCredential(inner, "partner");

    await Promise.all([credential.getToken("scope-a"), credential.getToken(["scope-a"]), credential.getToken("scope-a", { tenantId: "customer" })]);
    await credential.getToken("scope-b");

    expect(calls.sort()).toEqual(["customer", "partner", "partner"]);
  });
});
