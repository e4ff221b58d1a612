import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../../../src/errors";
import { identityFailure, toIdentityAppError } from "../../../../src/cloud/auth/identity-error.mapper";
import { isAssertionExpired } from "../../../../src/cloud/service-request-failure";
import { isTransientError } from "../../../../src/cloud/is-transient-error";

/** What @azure/identity throws for an Entra ID error body: MSAL's ServerError message, status dropped. */
const serverError = (error: string, aadsts: string, description: string) =>
  new AuthenticationRequiredError({ scopes: ["https://graph.microsoft.com/.default"], message: `${error}: Error(s): ${aadsts.replace("AADSTS", "")} - Timestamp: 2026-12-01 20:46:18Z - Description: ${aadsts}: ${description} - Correlation ID: x - Trace ID: y` });

describe("identityFailure", () => {
  it("treats refused clients, grants, tenants and scopes as denied access (no retry helps)", () => {
    for (const [error, code] of [
      ["invalid_client", "AADSTS7000215"],
      ["invalid_client", "AADSTS700016"],
      ["invalid_request", "AADSTS90002"],
      ["invalid_scope", "AADSTS70011"],
      ["invalid_grant", "AADSTS50027"],
      ["unauthorized_client", "AADSTS700016"],
    ] as const) {
      expect(identityFailure(serverError(error, code, "refused"))).toEqual({ kind: "status", status: 401 });
    }
    const denied = toIdentityAppError(serverError("invalid_client", "AADSTS7000215", "Invalid client secret provided."), "requesting a token for tenant t");
    expect(denied.code).toBe(ErrorCode.FORBIDDEN);
    expect(isTransientError(denied)).toBe(false);
    expect(denied.message).not.toContain("Invalid client secret");
  });

  it("recognises an expired on-behalf-of assertion (AADSTS500133)", () => {
    const error = toIdentityAppError(serverError("invalid_grant", "AADSTS500133", "Assertion is not within its valid time range."), "exchanging");
    expect(isAssertionExpired(error)).toBe(true);
  });

  it("treats Entra ID's unavailable and throttling answers as transient", () => {
    expect(identityFailure(serverError("temporarily_unavailable", "AADSTS50033", "busy"))).toEqual({ kind: "status", status: 503 });
    expect(identityFailure(serverError("invalid_request", "AADSTS50196", "loop detected"))).toEqual({ kind: "status", status: 429 });
    expect(isTransientError(toIdentityAppError(serverError("server_error", "AADSTS90033", "down"), "x"))).toBe(true);
  });

  it("keeps the HTTP status of an AuthenticationError (a 400 is a refusal)", () => {
    expect(identityFailure(new AuthenticationError(503, { error: "server_error", error_description: "down" }))).toEqual({ kind: "status", status: 503 });
    expect(identityFailure(new AuthenticationError(400, { error: "invalid_request", error_description: "bad" }))).toEqual({ kind: "status", status: 401 });
  });

  it("reports an unreachable authority as network trouble and a timeout as a timeout", () => {
    expect(identityFailure(new CredentialUnavailableError("endpoints_resolution_error: Could not resolve endpoints."))).toEqual({ kind: "network" });
    expect(identityFailure(new AuthenticationRequiredError({ scopes: [], message: "network_error: Network request failed" }))).toEqual({ kind: "network" });
    expect(identityFailure(Object.assign(new Error("The identity platform did not answer within the timeout"), { code: "ETIMEDOUT" }))).toEqual({ kind: "timeout" });
  });

  it("passes AppErrors through unchanged", () => {
    const original = new AppError(ErrorCode.FORBIDDEN, "already typed");
    expect(toIdentityAppError(original, "x")).toBe(original);
  });
});
