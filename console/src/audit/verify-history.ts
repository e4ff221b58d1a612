/**
 * The browser's own check of a ticket's audit trail, event by event, from what the API returned:
 * - chain: sequences 1, 2, 3... without gaps, each previousHash is the prior event's hash, and each
 *   hash recomputes (SHA-256 over the canonical JSON of the covered fields, as
 *   src/tickets/audit-hash.ts defines it), so an edited, dropped or reordered event shows;
 * - replay: each event starts where the previous one ended and is a transition of the machine.
 */
export interface VerifiableEvent {
  ticketId: string;
  customerId: string;
  sequence: number;
  type: string;
  fromState: string;
  toState: string;
  at: string;
  machineVersion: number;
  payload?: unknown;
  previousHash?: string | null;
  hash: string;
  actor: { id: string; displayName: string; role: string };
}

export interface EventVerdict {
  sequence: number;
  chain: { ok: boolean; reason?: string };
  replay: { ok: boolean; reason?: string };
}

/** Deterministic JSON: keys sorted, no whitespace, undefined members left out (audit-hash.ts canonicalJson). */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(",")}}`;
  }
  throw new TypeError(`cannot encode ${typeof value}`);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function eventHash(event: VerifiableEvent, previousHash: string | null): Promise<string> {
  return sha256Hex(
    canonicalJson({
      ticketId: event.ticketId,
      customerId: event.customerId,
      sequence: event.sequence,
      type: event.type,
      fromState: event.fromState,
      toState: event.toState,
      actor: { id: event.actor.id, displayName: event.actor.displayName, role: event.actor.role },
      payload: event.payload ?? {},
      at: event.at,
      machineVersion: event.machineVersion,
      prevHash: previousHash,
    }),
  );
}

/** A verdict per event, in sequence order (the events must be one ticket's complete history). */
export async function verifyHistory(events: readonly VerifiableEvent[], transitions: readonly { event: string; from: string; to: string }[]): Promise<EventVerdict[]> {
  const allowed = new Set(transitions.map((t) => `${t.event}|${t.from}|${t.to}`));
  const verdicts: EventVerdict[] = [];
  let previous: VerifiableEvent | undefined;
  for (const event of events) {
    const expectedPrevious = previous?.hash ?? null;
    let chain: EventVerdict["chain"] = { ok: true };
    if (event.sequence !== (previous ? previous.sequence + 1 : 1)) chain = { ok: false, reason: `sequence ${event.sequence} after ${previous?.sequence ?? "nothing"}` };
    else if ((event.previousHash ?? null) !== expectedPrevious) chain = { ok: false, reason: "previous hash does not match the prior event" };
    else if ((await eventHash(event, expectedPrevious)) !== event.hash) chain = { ok: false, reason: "hash does not recompute: the event was changed" };
    let replay: EventVerdict["replay"] = { ok: true };
    // OPEN starts from the machine's initial pseudo state; later events continue where the last ended.
    if (previous && event.fromState !== previous.toState) replay = { ok: false, reason: `starts in ${event.fromState}, the ticket was in ${previous.toState}` };
    else if (previous && !allowed.has(`${event.type}|${event.fromState}|${event.toState}`) && event.fromState !== event.toState) replay = { ok: false, reason: `${event.type} does not lead from ${event.fromState} to ${event.toState}` };
    verdicts.push({ sequence: event.sequence, chain, replay });
    previous = event;
  }
  return verdicts;
}
