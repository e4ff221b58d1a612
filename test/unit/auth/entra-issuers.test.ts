import { describe, expect, it } from "vitest";
import { entraTokenIssuers, issuersFor, issuerVersion } from "../../../src/auth/entra-issuers";
import { ConfigError, parseConfig } from "../../../src/config";

const TENANT = "0f4e2a3c-6b1d-4c8e-9a7f-2d5b8c1e4a60";
const CLIENT_ID = "5a8d3c21-9e4f-4b7a-8c6d-1e2f3a4b5c6d";
const microsoftEnv = (extra: Record<string, string> = {}) => ({
  PSG_MODE: "microsoft",
  PARTNER_TENANT_ID: TENANT,
  AZURE_CLIENT_ID: CLIENT_ID,
  AZURE_CLIENT_SECRET: "secret",
  ASSERTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  ...extra,
});

describe("Entra token issuers per cloud", () => {
  it("lists the published v1.0 (STS) and v2.0 issuers of each cloud", () => {
    expect(entraTokenIssuers({ cloud: "public" })).toEqual(["https://sts.windows.net/{tenantid}/", "https://login.microsoftonline.com/{tenantid}/v2.0"]);
    expect(entraTokenIssuers({ cloud: "usgov" })).toEqual(["https://sts.windows.net/{tenantid}/", "https://login.microsoftonline.us/{tenantid}/v2.0"]);
    expect(entraTokenIssuers({ cloud: "usgov-dod" })).toEqual(entraTokenIssuers({ cloud: "usgov" }));
    expect(entraTokenIssuers({ cloud: "china" })).toEqual(["https://sts.chinacloudapi.cn/{tenantid}/", "https://login.partner.microsoftonline.cn/{tenantid}/v2.0"]);
  });

  it("derives both versions from an overridden authority host, and TOKEN_ISSUERS wins over both", () => {
    expect(entraTokenIssuers({ cloud: "public", authorityHost: "https://localhost:4010/" })).toEqual(["https://localhost:4010/{tenantid}/", "https://localhost:4010/{tenantid}/v2.0"]);
    const listed = ["https://sts.windows.net/{tenantid}/"];
    expect(entraTokenIssuers({ cloud: "public", authorityHost: "https://localhost:4010", tokenIssuers: listed })).toEqual(listed);
  });

  it("tells the versions apart by the /v2.0 ending and fills in the tenant", () => {
    expect(issuerVersion("https://login.microsoftonline.us/{tenantid}/v2.0")).toBe("2.0");
    expect(issuerVersion("https://sts.windows.net/{tenantid}/")).toBe("1.0");
    const templates = entraTokenIssuers({ cloud: "public" });
    expect(issuersFor(templates, TENANT, "1.0")).toEqual([`https://sts.windows.net/${TENANT}/`]);
    expect(issuersFor(templates, TENANT, "2.0")).toEqual([`https://login.microsoftonline.com/${TENANT}/v2.0`]);
  });
});

describe("microsoft-mode token settings in the configuration", () => {
  it("defaults the v1.0 audiences to the App ID URI and the client id, and the issuers to the cloud's", () => {
    const microsoft = parseConfig(microsoftEnv({ PSG_CLOUD: "china" })).microsoft!;
    expect(microsoft.apiAudiences).toEqual([`api://${CLIENT_ID}`, CLIENT_ID]);
    expect(microsoft.tokenIssuers).toEqual(entraTokenIssuers({ cloud: "china" }));
  });

  it("reads API_AUDIENCE and TOKEN_ISSUERS as comma-separated lists", () => {
    const microsoft = parseConfig(
      microsoftEnv({ API_AUDIENCE: "api://desk.contoso.example, " + CLIENT_ID, TOKEN_ISSUERS: "https://sts.windows.net/{tenantid}/,https://login.microsoftonline.com/{tenantid}/v2.0" }),
    ).microsoft!;
    expect(microsoft.apiAudiences).toEqual(["api://desk.contoso.example", CLIENT_ID]);
    expect(microsoft.tokenIssuers).toEqual(["https://sts.windows.net/{tenantid}/", "https://login.microsoftonline.com/{tenantid}/v2.0"]);
  });

  it("derives the issuers from AUTHORITY_HOST (a private authority or the emulator)", () => {
    expect(parseConfig(microsoftEnv({ AUTHORITY_HOST: "https://localhost:4010" })).microsoft!.tokenIssuers).toEqual([
      "https://localhost:4010/{tenantid}/",
      "https://localhost:4010/{tenantid}/v2.0",
    ]);
  });

  it("refuses a TOKEN_ISSUERS entry without {tenantid} or https", () => {
    for (const value of ["https://sts.windows.net/" + TENANT + "/", "http://sts.windows.net/{tenantid}/"]) {
      expect(() => parseConfig(microsoftEnv({ TOKEN_ISSUERS: value }))).toThrow(ConfigError);
      expect(() => parseConfig(microsoftEnv({ TOKEN_ISSUERS: value }))).toThrow(/TOKEN_ISSUERS/);
    }
  });
});
