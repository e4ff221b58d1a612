import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors";
import { decodeCursor, decodeCursorValue, decodeKeysetCursor, encodeCursor } from "../../../src/pagination/opaque-cursor";

const refusedOnAfter = expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, details: { field: "after" } });

describe("opaque cursors", () => {
  it("round-trip a keyset cursor's sort value and id", () => {
    const cursor = encodeCursor("ticket", "2025-03-01T09:00:00.000Z", "id-1");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeKeysetCursor("ticket", cursor)).toEqual({ sortValue: "2025-03-01T09:00:00.000Z", id: "id-1" });
  });

  it("round-trip an offset cursor, numbers as text", () => {
    expect(decodeCursorValue("history", encodeCursor("history", 42))).toBe("42");
  });

  it("still take the cursors both older formats handed out", () => {
    // keyset lists: base64url of [scope, sortValue, id] (unchanged)
    const keyset = Buffer.from(JSON.stringify(["audit", "2025-01-01T00:00:00.000Z", "e1"])).toString("base64url");
    expect(decodeKeysetCursor("audit", keyset)).toEqual({ sortValue: "2025-01-01T00:00:00.000Z", id: "e1" });
    // offset lists: base64url of "<scope>:<value>"
    expect(decodeCursorValue("customer", Buffer.from("customer:7").toString("base64url"))).toBe("7");
  });

  it("refuse a cursor of another list, of another shape, or garbage as BAD_USER_INPUT on field after", () => {
    const audit = encodeCursor("audit", "x", "y");
    for (const bad of [audit, "", "not base64 !", Buffer.from("[1,2,3]").toString("base64url"), encodeCursor("ticket", "only-one"), "A".repeat(3000)]) {
      expect(() => decodeKeysetCursor("ticket", bad)).toThrow(refusedOnAfter);
    }
    expect(() => decodeCursorValue("customer", Buffer.from("history:1").toString("base64url"))).toThrow(refusedOnAfter);
    expect(() => decodeCursor("customer", encodeCursor("customer", 1), { arity: 1, field: "before" })).not.toThrow();
    expect(() => decodeCursor("customer", "garbage!", { arity: 1, field: "before" })).toThrow(
      expect.objectContaining({ details: { field: "before" } }),
    );
  });
});
