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

describe("TokenCache bound", () => {
  it("keeps at most maxEntries tokens, dropping expired ones first, then the least recently used", async () => {
    let now = 0;
    const cache = new TokenCache(0, () => now, 3);
    const token = (name: string, lifetimeMs: number) => async (): Promise<AccessToken> => ({ token: name, expiresOnTimestamp: now + lifetimeMs });
    await cache.get("short", token("short", 1_000));
    await cache.get("a", token("a", HOUR));
    await cache.get("b", token("b", HOUR));
    now = 2_000; // "short" has expired
    await cache.get("c", token("c", HOUR));
    expect(cache.size).toBe(3);
    await cache.get("a", token("a-again", HOUR)); // a hit: "a" becomes the most recently used
    await cache.get("d", token("d", HOUR));
    expect(cache.size).toBe(3);
    // "b" was the least recently used fresh token
    expect((await cache.get("b", token("b-refetched", HOUR))).token).toBe("b-refetched");
    expect((await cache.get("a", token("never", HOUR))).token).toBe("a");
  });

  it("refuses a bound below one", () => {
    expect(() => new TokenCache(undefined, undefined, 0)).toThrow(RangeError);
  });
});
