import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors";
import { toAppError } from "../../../src/cloud/upstream-error.mapper";

const op = { upstream: "Partner Center", operation: "listing customers" } as const;

describe("toAppError", () => {
  it("maps 401 and 403 to FORBIDDEN", () => {
    expect(toAppError(op, { kind: "status", status: 401 }).code).toBe(ErrorCode.FORBIDDEN);
    expect(toAppError(op, { kind: "status", status: 403 }).code).toBe(ErrorCode.FORBIDDEN);
  });

  it("maps 404 to NOT_FOUND", () => {
    expect(toAppError(op, { kind: "status", status: 404 }).code).toBe(ErrorCode.NOT_FOUND);
  });

  it("maps 429 to RATE_LIMITED with whole retryAfterSeconds", () => {
    const error = toAppError(op, { kind: "status", status: 429, retryAfterSeconds: 2.128 });
    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(error.details.retryAfterSeconds).toBe(3);
  });

  it("maps 5xx, timeouts and network failures to UPSTREAM_UNAVAILABLE", () => {
    const unavailable = toAppError(op, { kind: "status", status: 503, retryAfterSeconds: 1 });
    expect(unavailable.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(unavailable.details.retryAfterSeconds).toBe(1);
    expect(toAppError(op, { kind: "timeout" }).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(toAppError(op, { kind: "network" }).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(toAppError(op, { kind: "timeout" }).details).not.toHaveProperty("retryAfterSeconds");
  });

  it("names the upstream and operation but nothing from the response", () => {
    const error = toAppError(op, { kind: "status", status: 500 });
    expect(error.message).toBe("Partner Center failed while listing customers (HTTP 500)");
  });
});
