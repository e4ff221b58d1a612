import { describe, expect, it } from "vitest";
import { settleWithin, ShutdownStack } from "../../../src/server/shutdown-stack";

function recordingLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    warn: (fields: object, message: string) => lines.push({ level: "warn", fields: fields as Record<string, unknown>, message }),
    error: (fields: object, message: string) => lines.push({ level: "error", fields: fields as Record<string, unknown>, message }),
  };
}

describe("ShutdownStack", () => {
  it("runs steps last first, once, however many times and however concurrently close() is called", async () => {
    const log = recordingLog();
    const stack = new ShutdownStack({ log, defaultStepTimeoutMs: 1_000 });
    const ran: string[] = [];
    for (const name of ["database", "emulator", "gateway"]) {
      stack.push(name, async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ran.push(name);
      });
    }
    expect(stack.pending()).toEqual(["gateway", "emulator", "database"]);
    await Promise.all([stack.close(), stack.close(), stack.close()]);
    await stack.close();
    expect(ran).toEqual(["gateway", "emulator", "database"]);
    expect(log.lines).toEqual([]);
  });

  it("logs a failing step and a hung step by name and still runs the ones after them", async () => {
    const log = recordingLog();
    const stack = new ShutdownStack({ log, defaultStepTimeoutMs: 1_000 });
    const ran: string[] = [];
    stack.push("database", () => void ran.push("database"));
    stack.push("redis", () => new Promise<void>(() => undefined), 50); // never settles
    stack.push("workers", async () => {
      throw new Error("worker refused to stop");
    });
    const started = Date.now();
    await stack.close();
    expect(Date.now() - started).toBeLessThan(900);
    expect(ran).toEqual(["database"]);
    expect(log.lines.map((line) => [line.level, line.fields.step, line.message])).toEqual([
      ["error", "workers", "shutdown step failed"],
      ["warn", "redis", "shutdown step did not finish in time; going on"],
    ]);
  });

  it("refuses new steps once shutdown has begun", async () => {
    const stack = new ShutdownStack({ log: recordingLog(), defaultStepTimeoutMs: 100 });
    void stack.close();
    expect(() => stack.push("late", () => undefined)).toThrow(/shutdown has begun/);
  });
});

describe("settleWithin", () => {
  it("reports done, failed and timedOut without throwing", async () => {
    expect(await settleWithin(() => undefined, 50)).toEqual({ kind: "done" });
    expect(await settleWithin(() => Promise.reject(new Error("x")), 50)).toMatchObject({ kind: "failed" });
    expect(await settleWithin(() => new Promise(() => undefined), 20)).toEqual({ kind: "timedOut" });
  });
});
