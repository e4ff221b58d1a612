import { describe, expect, it } from "vitest";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { AppError, ErrorCode } from "../../../src/errors";
import { isTransientError, isTransientStatus } from "../../../src/cloud/is-transient-error";

describe("isTransientStatus", () => {
  it("retries throttling, timeouts and server errors", () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isTransientStatus(status)).toBe(true);
  });

  it("does not retry client errors", () => {
    for (const status of [200, 400, 401, 403, 404, 409, 417]) expect(isTransientStatus(status)).toBe(false);
  });
});

describe("isTransientError", () => {
  it("treats fetch network failures as transient", () => {
    const error = new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    expect(isTransientError(error)).toBe(true);
  });

  it("treats socket errors by code as transient", () => {
    expect(isTransientError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe(true);
  });

  it("treats per-attempt timeouts as transient", () => {
    expect(isTransientError(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe(true);
  });

  it("reads the status of a Graph error", () => {
    expect(isTransientError(new GraphError(503))).toBe(true);
    expect(isTransientError(new GraphError(429))).toBe(true);
    expect(isTransientError(new GraphError(403))).toBe(false);
  });

  it("trusts AppError codes", () => {
    expect(isTransientError(new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, "down"))).toBe(true);
    expect(isTransientError(new AppError(ErrorCode.RATE_LIMITED, "slow down"))).toBe(true);
    expect(isTransientError(new AppError(ErrorCode.FORBIDDEN, "no"))).toBe(false);
  });

  it("does not retry programming errors or non-errors", () => {
    expect(isTransientError(new TypeError("x is not a function"))).toBe(false);
    expect(isTransientError(new Error("boom"))).toBe(false);
    expect(isTransientError("503")).toBe(false);
  });
});
