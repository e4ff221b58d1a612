import { describe, expect, it } from "vitest";
import { TokenBucket, tryTakeAll } from "../../../src/cloud/refresher/token-bucket";

describe("token bucket", () => {
  it("allows its capacity at once, then refills at limit per window", () => {
    let now = 0;
    const bucket = TokenBucket.perWindow(60, 60_000, () => now, 2);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.waitMs()).toBe(1000);
    now = 1000;
    expect(bucket.tryTake()).toBe(true);
    now = 100_000;
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false); // never more than its capacity
  });

  it("takes from several buckets only when all have a token", () => {
    const now = 0;
    const minute = TokenBucket.perWindow(2, 60_000, () => now);
    const hour = TokenBucket.perWindow(1, 3_600_000, () => now);
    expect(tryTakeAll([minute, hour])).toBe(true);
    expect(tryTakeAll([minute, hour])).toBe(false);
    expect(minute.tryTake()).toBe(true); // the refused round took nothing from the minute bucket
  });

  it("refuses a bucket that could never give a token", () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0)).toThrow(RangeError);
  });
});
