import { describe, expect, it } from "vitest";
import { parseRetryAfterSeconds, toWholeSeconds } from "../../../src/cloud/retry-after.parser";

describe("parseRetryAfterSeconds", () => {
  it("reads delta seconds, including Graph's fractional values", () => {
    expect(parseRetryAfterSeconds("1")).toBe(1);
    expect(parseRetryAfterSeconds(" 30 ")).toBe(30);
    expect(parseRetryAfterSeconds("2.128")).toBeCloseTo(2.128);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    const now = Date.parse("2024-02-26T10:00:00Z");
    expect(parseRetryAfterSeconds("Mon, 26 Feb 2024 10:00:45 GMT", now)).toBe(45);
    expect(parseRetryAfterSeconds("Mon, 26 Feb 2024 09:59:00 GMT", now)).toBe(0);
  });

  it("returns undefined when absent or unreadable", () => {
    expect(parseRetryAfterSeconds(null)).toBeUndefined();
    expect(parseRetryAfterSeconds(undefined)).toBeUndefined();
    expect(parseRetryAfterSeconds("")).toBeUndefined();
    expect(parseRetryAfterSeconds("soon")).toBeUndefined();
    expect(parseRetryAfterSeconds("-5")).toBeUndefined();
  });
});

describe("toWholeSeconds", () => {
  it("rounds up so a short wait is never reported as 0", () => {
    expect(toWholeSeconds(0.2)).toBe(1);
    expect(toWholeSeconds(2.128)).toBe(3);
    expect(toWholeSeconds(undefined)).toBeUndefined();
  });
});
