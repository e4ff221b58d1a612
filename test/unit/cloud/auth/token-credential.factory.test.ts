import { describe, expect, it } from "vitest";
import { CachingTokenCredential } from "../../../../src/cloud/auth/caching-token.credential";
import { SandboxTokenCredential } from "../../../../src/cloud/auth/sandbox-token.credential";
import { createTokenCredential } from "../../../../src/cloud/auth/token-credential.factory";

const base = { mode: "microsoft", cloud: "public", partnerTenantId: "11111111-1111-1111-1111-111111111111", clientId: "22222222-2222-2222-2222-222222222222" } as const;

describe("createTokenCredential", () => {
  it("wraps a client secret credential in the per-tenant cache in microsoft mode", () => {
    expect(createTokenCredential({ ...base, clientSecret: "s3cret" })).toBeInstanceOf(CachingTokenCredential);
  });

  it("refuses microsoft mode without exactly one kind of secret", () => {
    expect(() => createTokenCredential({ ...base })).toThrow(/exactly one/);
    expect(() => createTokenCredential({ ...base, clientSecret: "s", certificatePath: "/tmp/cert.pem" })).toThrow(/exactly one/);
  });

  it("returns the emulator credential in sandbox mode", () => {
    const credential = createTokenCredential({
      mode: "sandbox",
      authorityUrl: "https://localhost:4010",
      partnerTenantId: base.partnerTenantId,
      clientId: base.clientId,
      clientSecret: "emulator-secret",
    });
    expect(credential).toBeInstanceOf(SandboxTokenCredential);
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
