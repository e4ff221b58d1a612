import { describe, expect, it } from "vitest";
import { AsyncMutex } from "../../../src/db/async-mutex";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("AsyncMutex", () => {
  it("never runs two sections at once and serves callers in arrival order", async () => {
    const mutex = new AsyncMutex();
    const log: string[] = [];
    let inside = 0;
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        mutex.runExclusive(async () => {
          inside++;
          expect(inside).toBe(1);
          log.push(`start ${i}`);
          await tick();
          log.push(`end ${i}`);
          inside--;
        }),
      ),
    );
    expect(log).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  });

  it("releases the lock when a section throws", async () => {
    const mutex = new AsyncMutex();
    await expect(mutex.runExclusive(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(mutex.runExclusive(async () => "next")).resolves.toBe("next");
  });

  it("lets a section re-enter the same mutex without deadlocking", async () => {
    const mutex = new AsyncMutex();
    const result = await mutex.runExclusive(() => mutex.runExclusive(async () => "nested"));
    expect(result).toBe("nested");
  });
});
