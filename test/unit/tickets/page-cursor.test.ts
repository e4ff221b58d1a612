import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors";
import { decodeCursor, encodeCursor } from "../../../src/tickets/page-cursor";

describe("page cursors", () => {
  it("round-trip the sort value and id", () => {
    const cursor = encodeCursor("ticket", "2025-03-01T09:00:00.000Z", "id-1");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor("ticket", cursor)).toEqual({ sortValue: "2025-03-01T09:00:00.000Z", id: "id-1" });
  });

  it("refuse a cursor from another list or garbage as BAD_USER_INPUT on field after", () => {
    const audit = encodeCursor("audit", "x", "y");
    for (const bad of [audit, "", "not base64 !", Buffer.from("[1,2,3]").toString("base64url")]) {
      expect(() => decodeCursor("ticket", bad)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, details: { field: "after" } }));
    }
  });
});
