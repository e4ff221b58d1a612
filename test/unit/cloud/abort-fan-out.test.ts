import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { onAbort } from "../../../src/cloud/abort-fan-out";

describe("onAbort", () => {
  it("calls every registered callback once on abort, through one listener on the signal, and none that was forgotten", () => {
    const controller = new AbortController();
    const calls = new Array<number>(10_000).fill(0);
    const forgets = calls.map((_, index) => onAbort(controller.signal, () => (calls[index]! += 1)));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    forgets[42]!();
    controller.abort();
    controller.abort();
    expect(calls[42]).toBe(0);
    expect(calls.filter((count) => count === 1)).toHaveLength(9_999);
  });

  it("calls a callback registered twice twice", () => {
    const controller = new AbortController();
    let calls = 0;
    const callback = () => (calls += 1);
    onAbort(controller.signal, callback);
    onAbort(controller.signal, callback);
    controller.abort();
    expect(calls).toBe(2);
  });

  it("calls back (after the caller's code) for a signal already aborted, unless forgotten first", async () => {
    const aborted = AbortSignal.abort(new Error("late"));
    const order: string[] = [];
    onAbort(aborted, () => order.push("callback"));
    order.push("caller");
    const forget = onAbort(aborted, () => order.push("forgotten"));
    forget();
    await Promise.resolve();
    expect(order).toEqual(["caller", "callback"]);
  });
});
