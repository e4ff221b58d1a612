import { createHash } from "node:crypto";
import { messageOf } from "../errors";

/** Who performed an audited transition. */
export interface AuditActor {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
}

/** The fields of a ticket event that the hash covers (the row id and storage details are not covered). */
export interface HashableTicketEvent {
  readonly ticketId: string;
  /** Covered so that moving an event to another customer's audit view is detected. */
  readonly customerId: string;
  readonly sequence: number;
  readonly type: string;
  readonly fromState: string;
  readonly toState: string;
  readonly actor: AuditActor;
  readonly payload: Readonly<Record<string, unknown>>;
  /** A Date, or the stored ISO-8601 string (`Date#toISOString()` form). */
  readonly at: Date | string;
  readonly machineVersion: number;
}

/** A stored event as the chain verifier sees it. */
export interface ChainedTicketEvent extends HashableTicketEvent {
  readonly prevHash: string | null;
  readonly hash: string;
}

/** Why a chain failed verification. */
export type ChainFailureReason =
  | "SEQUENCE_GAP"
  | "TICKET_MISMATCH"
  | "PREV_HASH_MISMATCH"
  | "HASH_MISMATCH"
  | "UNHASHABLE";

export type ChainVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly sequence: number; readonly reason: ChainFailureReason; readonly message: string };

/**
 * Deterministic JSON: object keys sorted (UTF-16 code unit order), no whitespace.
 *
 * Ambiguity rules, chosen to match what survives a JSON round trip through the database:
 * object properties whose value is `undefined` are omitted (as `JSON.stringify` does, so a
 * stored-and-reloaded payload hashes the same); `undefined` inside arrays, non-finite numbers,
 * bigints, functions, symbols and non-plain objects (Map, class instances) throw a TypeError;
 * a Date becomes its ISO string. `null` is kept as `null`.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, "$");
}

function encode(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value} at ${path}`);
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => {
      if (item === undefined) throw new TypeError(`canonicalJson: undefined array item at ${path}[${index}]`);
      return encode(item, `${path}[${index}]`);
    });
    return `[${items.join(",")}]`;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}`);
    return JSON.stringify(value.toISOString());
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJson: only plain objects can be encoded (at ${path})`);
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`)}`);
  return `{${members.join(",")}}`;
}

/**
 * SHA-256 (lowercase hex) over the canonical JSON of the event's covered fields plus `prevHash`
 * (`null` for a ticket's first event). Extra properties on `event` (id, hash, ...) are ignored.
 */
export function computeEventHash(event: HashableTicketEvent, prevHash: string | null): string {
  const covered = {
    ticketId: event.ticketId,
    customerId: event.customerId,
    sequence: event.sequence,
    type: event.type,
    fromState: event.fromState,
    toState: event.toState,
    actor: { id: event.actor.id, displayName: event.actor.displayName, role: event.actor.role },
    payload: event.payload,
    at: typeof event.at === "string" ? event.at : event.at.toISOString(),
    machineVersion: event.machineVersion,
    prevHash,
  };
  return createHash("sha256").update(canonicalJson(covered), "utf8").digest("hex");
}

/**
 * Verifies one ticket's complete chain, given its events ordered by sequence: sequences run
 * 1, 2, 3... without gaps, all belong to one ticket, each `prevHash` is the previous event's
 * `hash` (`null` first), and each `hash` recomputes. Reports the first failing sequence.
 */
export function verifyChain(events: readonly ChainedTicketEvent[]): ChainVerification {
  let previous: ChainedTicketEvent | undefined;
  for (const event of events) {
    const fail = (reason: ChainFailureReason, message: string): ChainVerification => ({
      ok: false,
      sequence: event.sequence,
      reason,
      message,
    });
    const expectedSequence = previous === undefined ? 1 : previous.sequence + 1;
    if (event.sequence !== expectedSequence) {
      return fail("SEQUENCE_GAP", `expected sequence ${expectedSequence}, found ${event.sequence}`);
    }
    if (previous !== undefined && event.ticketId !== previous.ticketId) {
      return fail("TICKET_MISMATCH", `event belongs to ticket ${event.ticketId}, not ${previous.ticketId}`);
    }
    const expectedPrev = previous === undefined ? null : previous.hash;
    if (event.prevHash !== expectedPrev) {
      return fail("PREV_HASH_MISMATCH", `prevHash does not match the previous event's hash`);
    }
    let recomputed: string;
    try {
      recomputed = computeEventHash(event, event.prevHash);
    } catch (error) {
      return fail("UNHASHABLE", messageOf(error));
    }
    if (recomputed !== event.hash) return fail("HASH_MISMATCH", "stored hash does not match the event's content");
    previous = event;
  }
  return { ok: true };
}
