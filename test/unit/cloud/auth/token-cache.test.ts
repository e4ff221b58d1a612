import { describe, expect, it } from "vitest";
import type { AccessToken } from "@azure/identity";
import { TokenCache, tokenCacheKey } from "../../../../src/cloud/auth/token-cache";

const HOUR = 3_600_000;

function counter(now: () => number, lifetimeMs = HOUR) {
  let calls = 0;
  return {
    fetch: async (): Promise<AccessToken> => {
      calls += 1;
      return { token: `token-${calls}`, expiresOnTimestamp: now() + lifetimeMs };
    },
    get calls() {
      return calls;
    },
  };
}

describe("tokenCacheKey", () => {
  it("is per tenant and order-insensitive over scopes", () => {
    expect(tokenCacheKey("T1", ["b", "a"])).toBe(tokenCacheKey("t1", ["a", "b"]));
    expect(tokenCacheKey("t1", ["a"])).not.toBe(tokenCacheKey("t2", ["a"]));
    expect(tokenCacheKey("t1", ["a"])).not.toBe(tokenCacheKey("t1", ["b"]));
  });
});

describe("TokenCache", () => {
  it("serves a cached token until two minutes before expiry", async () => {
    let now = 0;
    const cache = new TokenCache(undefined, () => now);
    const source = counter(() => now);
    expect((await cache.get("k", source.fetch)).token).toBe("token-1");
    now = HOUR - 2 * 60_000 - 1;
    expect((await cache.get("k", source.fetch)).token).toBe("token-1");
    now = HOUR - 2 * 60_000;
    expect((await cache.get("k", source.fetch)).token).toBe("token-2");
    expect(source.calls).toBe(2);
  });

  it("shares one fetch among concurrent callers of the same key", async () => {
    const cache = new TokenCache();
    const source = counter(Date.now);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.get("k", source.fetch)));
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(["token-1"]));
    expect(source.calls).toBe(1);
  });

  it("fetches separately per key", async () => {
    const cache = new TokenCache();
    const source = counter(Date.now);
    await Promise.all([cache.get("a", source.fetch), cache.get("b", source.fetch), cache.get("a", source.fetch)]);
    expect(source.calls).toBe(2);
  });

  it("does not cache a failure", async () => {
    const cache = new TokenCache();
    await expect(cache.get("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    const source = counter(Date.now);
    expect((await cache.get("k", source.fetch)).token).toBe("token-1");
  });

  it("honours an earlier refreshAfterTimestamp", async () => {
    let now = 0;
    const cache = new TokenCache(undefined, () => now);
    let calls = 0;
    const fetch = async (): Promise<AccessToken> => {
      calls += 1;
      return { token: `t${calls}`, expiresOnTimestamp: now + HOUR, refreshAfterTimestamp: now + HOUR / 2 };
    };
    await cache.get("k", fetch);
    now = HOUR / 2;
    expect((await cache.get("k", fetch)).token).toBe("t2");
  });
});
