import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TenantCircuitBreakers } from "../../../src/cloud/circuit-breaker";
import { AppError, ErrorCode } from "../../../src/errors";

const down = () => Promise.reject(new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, "timeout"));
const forbidden = () => Promise.reject(new AppError(ErrorCode.FORBIDDEN, "no role"));

describe("TenantCircuitBreakers", () => {
  // cockatiel reads Date.now(): only the clock is faked, promises and timers stay real.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());
  const setup = () => {
    const breakers = new TenantCircuitBreakers({ failureThreshold: 3, openMs: 10_000 });
    return { breakers, advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
  };

  it("opens after the threshold of consecutive transient failures, for that tenant only", async () => {
    const { breakers } = setup();
    for (let i = 0; i < 3; i++) await expect(breakers.run("a", down)).rejects.toThrow("timeout");
    expect(breakers.stateOf("a")).toBe("open");
    let called = false;
    const refused = await breakers.run("a", async () => (called = true)).catch((error: AppError) => error);
    expect(called).toBe(false);
    expect(refused).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryAfterSeconds: 10 } });
    expect(await breakers.run("b", async () => "ok")).toBe("ok");
  });

  it("lets one trial through after openMs and closes on success", async () => {
    const { breakers, advance } = setup();
    for (let i = 0; i < 3; i++) await breakers.run("a", down).catch(() => undefined);
    advance(10_001);
    expect(breakers.stateOf("a")).toBe("half-open");
    expect(await breakers.run("a", async () => "back")).toBe("back");
    expect(breakers.stateOf("a")).toBe("closed");
  });

  it("reopens when the trial fails", async () => {
    const { breakers, advance } = setup();
    for (let i = 0; i < 3; i++) await breakers.run("a", down).catch(() => undefined);
    advance(10_001);
    await expect(breakers.run("a", down)).rejects.toThrow("timeout");
    expect(breakers.stateOf("a")).toBe("open");
  });

  it("does not count permanent answers (403, 404) as failures", async () => {
    const { breakers } = setup();
    for (let i = 0; i < 5; i++) await expect(breakers.run("a", forbidden)).rejects.toThrow("no role");
    expect(breakers.stateOf("a")).toBe("closed");
  });
});
