import type { CloudName } from "../cloud/cloud-endpoints";

/**
 * The `iss` values Entra ID writes into access tokens for the gateway's API, as templates with
 * Microsoft's own `{tenantid}` placeholder (the form the OpenID metadata documents use).
 *
 * Sources (see test/fixtures/microsoft/SOURCES.md "Entra access tokens"):
 * - access-token-claims-reference.md: `iss` is an STS URI naming the tenant; "If the token issued
 *   is a v2.0 token (see the `ver` claim), the URI ends in `/v2.0`".
 * - access-tokens.md: the published v1.0 example has `iss` `https://sts.windows.net/{tid}/`, the
 *   v2.0 example `https://login.microsoftonline.com/{tid}/v2.0`.
 * - Microsoft Q&A "What are the token issuers for the sovereign clouds" (Microsoft answer):
 *   v1.0 `https://sts.windows.net` for the global service and US Government alike,
 *   `https://sts.chinacloudapi.cn` for 21Vianet; v2.0 `https://login.microsoftonline.us` (US
 *   Government) and `https://login.partner.microsoftonline.cn` (21Vianet, also the China
 *   authentication endpoint of authentication-national-cloud.md).
 */
export const TENANT_PLACEHOLDER = "{tenantid}";

const CLOUD_ISSUERS: Readonly<Record<CloudName, { v1: string; v2: string }>> = {
  public: { v1: "https://sts.windows.net/{tenantid}/", v2: "https://login.microsoftonline.com/{tenantid}/v2.0" },
  usgov: { v1: "https://sts.windows.net/{tenantid}/", v2: "https://login.microsoftonline.us/{tenantid}/v2.0" },
  "usgov-dod": { v1: "https://sts.windows.net/{tenantid}/", v2: "https://login.microsoftonline.us/{tenantid}/v2.0" },
  china: { v1: "https://sts.chinacloudapi.cn/{tenantid}/", v2: "https://login.partner.microsoftonline.cn/{tenantid}/v2.0" },
};

export type AccessTokenVersion = "1.0" | "2.0";

/** Which token version an issuer template stands for: Entra's v2.0 issuers end in `/v2.0`. */
export const issuerVersion = (template: string): AccessTokenVersion => (template.replace(/\/$/, "").endsWith("/v2.0") ? "2.0" : "1.0");

/**
 * The issuer templates to accept, in this order of precedence:
 * 1. `tokenIssuers` (TOKEN_ISSUERS), taken as given;
 * 2. with `authorityHost` overridden (a private authority, the emulator): that host is the STS of
 *    both versions, `{host}/{tenantid}/` (v1.0) and `{host}/{tenantid}/v2.0` (v2.0);
 * 3. the cloud's published issuers.
 */
export function entraTokenIssuers(options: { cloud: CloudName; authorityHost?: string; tokenIssuers?: readonly string[] }): string[] {
  if (options.tokenIssuers !== undefined && options.tokenIssuers.length > 0) return [...options.tokenIssuers];
  if (options.authorityHost !== undefined) {
    const host = options.authorityHost.replace(/\/$/, "");
    return [`${host}/${TENANT_PLACEHOLDER}/`, `${host}/${TENANT_PLACEHOLDER}/v2.0`];
  }
  const { v1, v2 } = CLOUD_ISSUERS[options.cloud];
  return [v1, v2];
}

/** A TOKEN_ISSUERS entry must be an https URL naming the tenant through `{tenantid}`. */
export function isIssuerTemplate(value: string): boolean {
  return /^https:\/\/[^/]+\/.*\{tenantid\}/i.test(value);
}

/** The concrete issuers of one tenant for one token version. */
export function issuersFor(templates: readonly string[], tenantId: string, version: AccessTokenVersion): string[] {
  return templates.filter((template) => issuerVersion(template) === version).map((template) => template.replace(/\{tenantid\}/gi, tenantId));
}
