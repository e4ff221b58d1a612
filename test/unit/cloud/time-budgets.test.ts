import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "../../../src/cloud/concurrency-limiter";
import { retryDelayMs } from "../../../src/cloud/retry-policy";
import { attemptSignal, currentUpstreamDeadline, remainingBudgetMs, UpstreamDeadline } from "../../../src/cloud/upstream-deadline";
import { isAppError } from "../../../src/errors";

/** A task that runs until `finish()` is called. */
function held(): { task: () => Promise<string>; started: Promise<void>; finish: () => void } {
  let finish!: () => void;
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      markStarted();
      await done;
      return "done";
    },
    started,
    finish,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("ConcurrencyLimiter: per-tenant cap under the global cap", () => {
  it("lets another tenant pass a tenant that is at its own cap", async () => {
    const limiter = new ConcurrencyLimiter(4, 2);
    const hung = [held(), held(), held()];
    const hungRuns = hung.map((h) => limiter.run(h.task, { key: "hung" }));
    await tick();
    expect(limiter.runningFor("hung")).toBe(2);
    expect(limiter.queued).toBe(1); // the third hung read waits on its tenant's cap, not the global one
    const other = held();
    const otherRun = limiter.run(other.task, { key: "other" });
    await other.started; // started although a hung read queued before it
    other.finish();
    await expect(otherRun).resolves.toBe("done");
    for (const h of hung) h.finish();
    await expect(Promise.all(hungRuns)).resolves.toEqual(["done", "done", "done"]);
    expect(limiter.running).toBe(0);
  });

  it("keeps the global cap and FIFO order across tenants", async () => {
    const limiter = new ConcurrencyLimiter(2, 2);
    const order: string[] = [];
    const tasks = ["a", "b", "c", "d"].map((name) => {
      const h = held();
      const run = limiter.run(async () => {
        order.push(name);
        return h.task();
      }, { key: name });
      return { h, run };
    });
    await tick();
    expect(order).toEqual(["a", "b"]);
    expect(limiter.queued).toBe(2);
    tasks[0]!.h.finish();
    await tasks[0]!.run;
    await tick();
    expect(order).toEqual(["a", "b", "c"]);
    for (const { h } of tasks) h.finish();
    await Promise.all(tasks.map(({ run }) => run));
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("stops waiting when the signal aborts, releasing its place in the queue", async () => {
    const limiter = new ConcurrencyLimiter(1);
    const first = held();
    const firstRun = limiter.run(first.task);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run(async () => void (ran = true), { signal: controller.signal });
    controller.abort(new Error("budget spent"));
    await expect(waiting).rejects.toThrow("budget spent");
    expect(limiter.queued).toBe(0);
    first.finish();
    await firstRun;
    expect(ran).toBe(false);
    expect(limiter.running).toBe(0);
    await expect(limiter.run(async () => "free")).resolves.toBe("free");
  });

  it("refuses an already aborted signal without taking a slot", async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(limiter.run(async () => "x", { signal: AbortSignal.abort(new Error("late")) })).rejects.toThrow("late");
    expect(limiter.running).toBe(0);
  });

  it("rejects caps below 1", () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow();
    expect(() => new ConcurrencyLimiter(2, 0)).toThrow();
  });
});

describe("UpstreamDeadline", () => {
  it("answers UPSTREAM_UNAVAILABLE when a read outlasts the budget, and carries itself to the read", async () => {
    const deadline = new UpstreamDeadline(50);
    let seen: UpstreamDeadline | undefined;
    const started = performance.now();
    const error = await deadline
      .run(async () => {
        seen = currentUpstreamDeadline();
        await new Promise(() => undefined); // never settles, like a hung socket
      })
      .catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(seen).toBe(deadline);
    expect(isAppError(error) && error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(deadline.expired).toBe(true);
    // a later read of the same request fails at once
    await expect(deadline.run(async () => "late")).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
  });

  it("passes results and failures of reads that finish in time", async () => {
    const deadline = new UpstreamDeadline(5_000);
    await expect(deadline.run(async () => 42)).resolves.toBe(42);
    await expect(deadline.run(async () => Promise.reject(new Error("403")))).rejects.toThrow("403");
  });

  it("answers every read still running when the budget ends (5,000 under one budget), and none that finished", async () => {
    const deadline = new UpstreamDeadline(80);
    const finished = await Promise.all(Array.from({ length: 1_000 }, (_, i) => deadline.run(async () => i)));
    expect(finished[999]).toBe(999);
    const hung = Array.from({ length: 5_000 }, () => deadline.run(() => new Promise<never>(() => undefined)).catch((caught: unknown) => caught));
    const outcomes = await Promise.all(hung);
    expect(outcomes.every((outcome) => isAppError(outcome) && outcome.code === "UPSTREAM_UNAVAILABLE")).toBe(true);
  });

  it("cuts an attempt's signal short to the budget; outside a request only the attempt timeout applies", async () => {
    expect(remainingBudgetMs()).toBe(Number.POSITIVE_INFINITY);
    const deadline = new UpstreamDeadline(30);
    const signal = await deadline.run(async () => {
      expect(remainingBudgetMs()).toBeLessThanOrEqual(30);
      return attemptSignal(60_000);
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe("TimeoutError");
    expect(attemptSignal(60_000).aborted).toBe(false);
  });
});

describe("retryDelayMs against the remaining budget", () => {
  const policy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };
  it("reports a Retry-After at or beyond the remaining budget instead of waiting", () => {
    expect(retryDelayMs(policy, 1, 20, Math.random, 10_000)).toBeNull();
    expect(retryDelayMs(policy, 1, 10, Math.random, 10_000)).toBeNull();
    expect(retryDelayMs(policy, 1, 2, Math.random, 10_000)).toBe(2_000);
  });
  it("does not back off past the budget either", () => {
    expect(retryDelayMs(policy, 3, undefined, () => 1, 1_000)).toBeNull();
    expect(retryDelayMs(policy, 1, undefined, () => 1, 1_000)).toBe(500);
  });
});
