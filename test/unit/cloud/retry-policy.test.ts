import { describe, expect, it } from "vitest";
import { retryDelayMs, retryUpstream, type AttemptOutcome } from "../../../src/cloud/retry-policy";
import { UpstreamDeadline } from "../../../src/cloud/upstream-deadline";

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

describe("retryUpstream (the one retry loop of Graph, Partner Center and ARM)", () => {
  /** Attempts that answer `outcomes` in order, recording each wait. */
  const scripted = (outcomes: AttemptOutcome<string, string>[]) => {
    const waits: number[] = [];
    let attempts = 0;
    const run = (retry = policy) =>
      retryUpstream(retry, async () => outcomes[Math.min(attempts++, outcomes.length - 1)]!, {
        random: () => 1,
        sleep: async (ms) => void waits.push(ms),
      });
    return { run, waits, attempts: () => attempts };
  };
  const busy = (retryAfterSeconds?: number): AttemptOutcome<string, string> => ({
    ok: false,
    failure: "503",
    retryable: true,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });

  it("retries a retryable failure with backoff, then answers the success", async () => {
    const { run, waits, attempts } = scripted([busy(), busy(), { ok: true, value: "ok" }]);
    await expect(run()).resolves.toEqual({ ok: true, value: "ok" });
    expect(waits).toEqual([100, 200]);
    expect(attempts()).toBe(3);
  });

  it("answers a failure that is not retryable at once", async () => {
    const { run, waits } = scripted([{ ok: false, failure: "404", retryable: false }]);
    await expect(run()).resolves.toMatchObject({ ok: false, failure: "404" });
    expect(waits).toEqual([]);
  });

  it("stops after maxRetries and returns the last failure", async () => {
    const { run, attempts } = scripted([busy()]);
    await expect(run({ ...policy, maxRetries: 2 })).resolves.toMatchObject({ ok: false, failure: "503" });
    expect(attempts()).toBe(3);
  });

  it("does not wait for a Retry-After longer than maxDelayMs, nor one past the request's budget", async () => {
    const tooLong = scripted([busy(30)]);
    await expect(tooLong.run()).resolves.toMatchObject({ ok: false, retryAfterSeconds: 30 });
    expect(tooLong.waits).toEqual([]);

    const pastBudget = scripted([busy(0.5)]);
    await expect(new UpstreamDeadline(200).run(() => pastBudget.run())).resolves.toMatchObject({ ok: false, retryAfterSeconds: 0.5 });
    expect(pastBudget.waits).toEqual([]);
  });
});
