import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, computeEventHash, verifyChain } from "../../../src/tickets/audit-hash";
import type { ChainedTicketEvent, HashableTicketEvent } from "../../../src/tickets/audit-hash";

describe("canonicalJson", () => {
  it("sorts keys at every depth and emits no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("is stable regardless of insertion order", () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: null })).toBe(canonicalJson({ z: null, y: [1, 2], x: 1 }));
  });

  it("keeps array order (arrays are sequences, not sets)", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("omits undefined properties, keeps null, so a JSON round trip hashes the same", () => {
    const value = { a: undefined, b: null, c: "é\n\"" };
    expect(canonicalJson(value)).toBe('{"b":null,"c":"é\\n\\""}');
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it("refuses undefined inside arrays instead of guessing null", () => {
    expect(() => canonicalJson([1, undefined])).toThrow(TypeError);
  });

  it("refuses non-finite numbers", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => canonicalJson({ n: bad })).toThrow(/non-finite/);
    }
  });

  it("refuses values JSON cannot carry faithfully", () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(new Map([["a", 1]]))).toThrow(/plain objects/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it("encodes Dates as their ISO string", () => {
    expect(canonicalJson({ at: new Date("2025-01-02T03:04:05.006Z") })).toBe('{"at":"2025-01-02T03:04:05.006Z"}');
  });
});

const baseEvent: HashableTicketEvent = {
  ticketId: "t-1",
  customerId: "c-1",
  sequence: 1,
  type: "TICKET_OPENED",
  fromState: "none",
  toState: "intake",
  actor: { id: "a-1", displayName: "Ada", role: "HELPDESK_AGENT" },
  payload: { channel: "email" },
  at: new Date("2025-03-01T09:00:00.000Z"),
  machineVersion: 1,
};

describe("computeEventHash", () => {
  it("is SHA-256 hex over the canonical event plus prevHash", () => {
    const expected = createHash("sha256")
      .update(
        canonicalJson({
          ...baseEvent,
          at: "2025-03-01T09:00:00.000Z",
          prevHash: null,
        }),
      )
      .digest("hex");
    expect(computeEventHash(baseEvent, null)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes a Date and its stored ISO string identically", () => {
    expect(computeEventHash({ ...baseEvent, at: "2025-03-01T09:00:00.000Z" }, null)).toBe(computeEventHash(baseEvent, null));
  });

  it("changes when any covered field or the previous hash changes", () => {
    const original = computeEventHash(baseEvent, null);
    const variants: HashableTicketEvent[] = [
      { ...baseEvent, ticketId: "t-2" },
      { ...baseEvent, customerId: "c-2" },
      { ...baseEvent, sequence: 2 },
      { ...baseEvent, type: "X" },
      { ...baseEvent, fromState: "x" },
      { ...baseEvent, toState: "x" },
      { ...baseEvent, actor: { ...baseEvent.actor, role: "ADMIN_AGENT" } },
      { ...baseEvent, actor: { ...baseEvent.actor, displayName: "Eve" } },
      { ...baseEvent, payload: { channel: "phone" } },
      { ...baseEvent, at: new Date("2025-03-01T09:00:00.001Z") },
      { ...baseEvent, machineVersion: 2 },
    ];
    for (const variant of variants) expect(computeEventHash(variant, null)).not.toBe(original);
    expect(computeEventHash(baseEvent, "0".repeat(64))).not.toBe(original);
  });

  it("ignores properties outside the covered fields (ids, stored hash)", () => {
    const withExtras = { ...baseEvent, id: "e-1", hash: "abc", storedAt: "x" };
    expect(computeEventHash(withExtras, null)).toBe(computeEventHash(baseEvent, null));
  });
});

function chainOf(length: number): ChainedTicketEvent[] {
  const events: ChainedTicketEvent[] = [];
  for (let sequence = 1; sequence <= length; sequence++) {
    const prevHash = events[events.length - 1]?.hash ?? null;
    const event = { ...baseEvent, sequence, payload: { step: sequence } };
    events.push({ ...event, prevHash, hash: computeEventHash(event, prevHash) });
  }
  return events;
}

describe("verifyChain", () => {
  it("accepts an empty chain and a well-formed chain", () => {
    expect(verifyChain([])).toEqual({ ok: true });
    expect(verifyChain(chainOf(5))).toEqual({ ok: true });
  });

  it("reports a sequence gap", () => {
    const events = chainOf(4);
    expect(verifyChain([events[0]!, events[1]!, events[3]!])).toMatchObject({ ok: false, sequence: 4, reason: "SEQUENCE_GAP" });
  });

  it("reports a chain that does not start at sequence 1", () => {
    expect(verifyChain(chainOf(3).slice(1))).toMatchObject({ ok: false, sequence: 2, reason: "SEQUENCE_GAP" });
  });

  it("reports a first event whose prevHash is not null", () => {
    const [first] = chainOf(1);
    expect(verifyChain([{ ...first!, prevHash: "f".repeat(64) }])).toMatchObject({
      ok: false,
      sequence: 1,
      reason: "PREV_HASH_MISMATCH",
    });
  });

  it("reports a prevHash that does not link to the previous event", () => {
    const events = chainOf(3);
    events[2] = { ...events[2]!, prevHash: events[0]!.hash };
    expect(verifyChain(events)).toMatchObject({ ok: false, sequence: 3, reason: "PREV_HASH_MISMATCH" });
  });

  it("reports a tampered payload as a hash mismatch at its sequence", () => {
    const events = chainOf(3);
    events[1] = { ...events[1]!, payload: { step: 99 } };
    expect(verifyChain(events)).toMatchObject({ ok: false, sequence: 2, reason: "HASH_MISMATCH" });
  });

  it("reports a rewritten event whose hash was recomputed, at the next link", () => {
    const events = chainOf(3);
    const forged = { ...events[1]!, payload: { step: 99 } };
    events[1] = { ...forged, hash: computeEventHash(forged, forged.prevHash) };
    expect(verifyChain(events)).toMatchObject({ ok: false, sequence: 3, reason: "PREV_HASH_MISMATCH" });
  });

  it("reports events of different tickets mixed into one chain", () => {
    const events = chainOf(2);
    events[1] = { ...events[1]!, ticketId: "t-other" };
    expect(verifyChain(events)).toMatchObject({ ok: false, sequence: 2, reason: "TICKET_MISMATCH" });
  });
});
