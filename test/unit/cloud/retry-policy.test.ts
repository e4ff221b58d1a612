import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/cloud/retry-policy";

const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("retryDelayMs", () => {
  it("waits exactly what Retry-After asks", () => {
    expect(retryDelayMs(policy, 1, 0.5, () => 0.9)).toBe(500);
  });

  it("gives up when Retry-After is longer than the cap", () => {
    expect(retryDelayMs(policy, 1, 30)).toBeNull();
  });

  it("backs off exponentially with jitter between half and all of the step", () => {
    expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(200);
    expect(retryDelayMs(policy, 3, undefined, () => 1)).toBe(400);
  });

  it("caps the backoff at maxDelayMs", () => {
    expect(retryDelayMs(policy, 10, undefined, () => 1)).toBe(1_000);
  });
});
