import { describe, expect, it } from "vitest";
import { decodeSharedEntry, encodeSharedEntry } from "../../../src/cloud/shared-entry.codec";
import { AppError, ErrorCode } from "../../../src/errors";

describe("shared read cache entries on the wire", () => {
  it("keeps Dates as Dates, nested in arrays and objects, and null as null", () => {
    const value = {
      tenantId: "t-1",
      incidents: [{ id: "EX1", startDateTime: new Date("2026-01-02T03:04:05.678Z"), endDateTime: null, posts: [{ createdAt: new Date(0), text: "x" }] }],
    };
    const decoded = decodeSharedEntry(encodeSharedEntry({ value, readAt: 1, freshUntil: 2, staleUntil: 3 }))!;
    expect(decoded).toEqual({ value, readAt: 1, freshUntil: 2, staleUntil: 3 });
    const incident = (decoded.value as typeof value).incidents[0]!;
    expect(incident.startDateTime).toBeInstanceOf(Date);
    expect(incident.posts[0]!.createdAt.getTime()).toBe(0);
  });

  it("keeps Maps and Sets (the GDAP read is a Map by tenant), with Dates inside", () => {
    const value = new Map([["t-1", { customerTenantId: "t-1", status: "ACTIVE", roles: ["r"], endsAt: new Date(86_400_000) }]]);
    const decoded = decodeSharedEntry(encodeSharedEntry({ value: { access: value, ids: new Set(["a", "b"]) }, readAt: 1, freshUntil: 2, staleUntil: 3 }))!;
    const back = decoded.value as { access: Map<string, { endsAt: Date }>; ids: Set<string> };
    expect(back.access).toBeInstanceOf(Map);
    expect(back.access).toEqual(value);
    expect(back.access.get("t-1")!.endsAt).toBeInstanceOf(Date);
    expect(back.ids).toEqual(new Set(["a", "b"]));
  });

  it("brings a kept failure back as an AppError with its code, message and details", () => {
    const error = new AppError(ErrorCode.FORBIDDEN, "no health role for this tenant", { tenantId: "t-2" });
    const decoded = decodeSharedEntry(encodeSharedEntry({ value: error, failed: true, readAt: 5, freshUntil: 6, staleUntil: 6 }))!;
    expect(decoded.failed).toBe(true);
    expect(decoded.value).toBeInstanceOf(AppError);
    expect(decoded.value).toMatchObject({ code: ErrorCode.FORBIDDEN, message: "no health role for this tenant", details: { tenantId: "t-2" } });
  });

  it("reads anything else as no entry", () => {
    expect(decodeSharedEntry("not json")).toBeUndefined();
    expect(decodeSharedEntry(JSON.stringify({ v: 1 }))).toBeUndefined();
    expect(decodeSharedEntry(JSON.stringify({ v: {}, f: true, r: 1, fu: 2, su: 3 }))).toBeUndefined();
  });
});
