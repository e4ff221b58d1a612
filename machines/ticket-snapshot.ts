import { initialTransition, transition } from "xstate";
import { supportTicketMachine, TICKET_MACHINE_VERSION } from "./support-ticket.machine";
import type { CustomerExchange, TicketContext, TicketEntry } from "./ticket-context.types";
import type { TicketEffect } from "./ticket-effect.types";
import {
  isSystemEventType,
  TICKET_EVENT_TYPES,
  type OpenTicketFacts,
  type TicketEvent,
  type TicketEventType,
  type TicketMachineEvent,
} from "./ticket-event.types";
import {
  checkEventEnvelope,
  TICKET_GUARD_RULES,
  TICKET_GUARD_STATE_RULES,
  type TicketGuardName,
  type TicketRefusalCode,
  type TicketRuleViolation,
} from "./ticket.guards";
import { PRODUCTS, SEVERITIES, TICKET_CATEGORIES } from "./ticket-vocabulary";
import { transitionsFrom } from "./ticket-workflow";

/** A state value as XState stores it: "diagnosis" or { escalated: "filing" }. */
export type TicketStateValue = string | { [state: string]: TicketStateValue };

/**
 * What the service stores: XState's `getPersistedSnapshot()` (plain JSON) plus the version of the
 * machine that produced it.
 */
export interface PersistedTicketSnapshot {
  machineVersion: number;
  status: "active" | "done" | "error" | "stopped";
  value: TicketStateValue;
  context: TicketContext;
  historyValue?: Record<string, unknown>;
  children?: Record<string, unknown>;
  output?: unknown;
  error?: unknown;
}

/** Why an event was refused, and what the caller could do instead. */
export interface TicketRefusal {
  code: TicketRefusalCode;
  message: string;
  /** The offending field for INVALID_PAYLOAD. */
  field?: string;
  /** The ticket's state path when it refused. */
  state: string;
  /** Events of the refused event's kind (agent or system) that the ticket accepts now. */
  allowedEvents: TicketEventType[];
}

export type ApplyTicketEventResult =
  | {
      ok: true;
      snapshot: PersistedTicketSnapshot;
      fromPath: string;
      statePath: string;
      effects: TicketEffect[];
    }
  | { ok: false; refusal: TicketRefusal };

/** A stored snapshot this machine cannot restore (wrong version, unknown state, not JSON of a ticket). */
export class TicketSnapshotError extends Error {
  override readonly name = "TicketSnapshotError";
}

/** Thrown where a refusal cannot be returned: invalid OPEN facts, or a history that does not replay. */
export class TicketEventRefusedError extends Error {
  override readonly name = "TicketEventRefusedError";
  constructor(
    readonly refusal: TicketRefusal,
    /** Position of the refused event in a replayed history (0 is OPEN). */
    readonly eventIndex: number | null = null,
  ) {
    super(refusal.message);
  }
}

type MachineSnapshot = ReturnType<typeof supportTicketMachine.resolveState>;

/** The context as snapshots stored before notes moved to the events carried it. */
interface LegacyNoteContext {
  diagnosisNotes?: TicketEntry[];
  customerExchanges?: CustomerExchange[];
}

/**
 * A stored snapshot in today's shape. Snapshots written before notes moved out of the context carry
 * `diagnosisNotes` / `customerExchanges` arrays: they become the counters (and the last question)
 * that a replay of the same events yields, so old rows restore, serve and verify unchanged, and are
 * rewritten small on their next write. Today's snapshots are returned as they are.
 */
export function upgradeTicketSnapshot(snapshot: PersistedTicketSnapshot): PersistedTicketSnapshot {
  const context = (snapshot as { context?: unknown } | null)?.context as (TicketContext & LegacyNoteContext) | undefined;
  if (typeof context !== "object" || context === null) return snapshot;
  if (!Array.isArray(context.diagnosisNotes) && !Array.isArray(context.customerExchanges)) return snapshot;
  const { diagnosisNotes, customerExchanges, ...rest } = context;
  const exchanges = customerExchanges ?? [];
  const lastQuestion = [...exchanges].reverse().find((item) => item.kind === "QUESTION");
  const upgraded: TicketContext = {
    ...rest,
    diagnosisNoteCount: diagnosisNotes?.length ?? rest.diagnosisNoteCount ?? 0,
    customerExchangeCount: exchanges.length,
    lastCustomerQuestion: lastQuestion ? { text: lastQuestion.text, at: lastQuestion.at, actor: lastQuestion.actor } : null,
  };
  return { ...snapshot, context: upgraded };
}

const EFFECT_ACTIONS: Readonly<Record<string, TicketEffect["type"]>> = {
  fileServiceRequest: "FILE_SERVICE_REQUEST",
  prepareCasePacket: "PREPARE_CASE_PACKET",
  addServiceRequestNote: "ADD_SERVICE_REQUEST_NOTE",
  notifyCustomer: "NOTIFY_CUSTOMER",
};

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): TicketEffect[] {
  return actions.filter((action) => action.type in EFFECT_ACTIONS).map((action) => action.params as TicketEffect);
}

function pathOfValue(value: TicketStateValue): string {
  if (typeof value === "string") return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined || child === undefined) throw new TicketSnapshotError("Empty state value");
  return `${key}.${pathOfValue(child)}`;
}

function persist(snapshot: MachineSnapshot): PersistedTicketSnapshot {
  // Round-trip through JSON so what we return is exactly what a database hands back.
  const persisted = JSON.parse(JSON.stringify(supportTicketMachine.getPersistedSnapshot(snapshot))) as Omit<
    PersistedTicketSnapshot,
    "machineVersion"
  >;
  return { machineVersion: TICKET_MACHINE_VERSION, ...persisted };
}

function restore(stored: PersistedTicketSnapshot): MachineSnapshot {
  if (typeof stored !== "object" || stored === null) {
    throw new TicketSnapshotError("A ticket snapshot must be an object");
  }
  const persisted = upgradeTicketSnapshot(stored);
  if (persisted.machineVersion !== TICKET_MACHINE_VERSION) {
    throw new TicketSnapshotError(
      `Snapshot was written by ticket machine version ${String(persisted.machineVersion)}; this is version ${TICKET_MACHINE_VERSION}`,
    );
  }
  try {
    return supportTicketMachine.resolveState({
      value: persisted.value as never,
      context: persisted.context,
      status: persisted.status === "done" ? "done" : "active",
    });
  } catch (cause) {
    throw new TicketSnapshotError(`Cannot restore ticket snapshot: ${(cause as Error).message}`, { cause });
  }
}

function refusal(
  snapshot: PersistedTicketSnapshot,
  violation: TicketRuleViolation,
  kind: "AGENT" | "SYSTEM",
): TicketRefusal {
  return {
    ...violation,
    state: statePathOf(snapshot),
    allowedEvents: availableEventTypes(snapshot, { kind }),
  };
}

function notAllowed(snapshot: PersistedTicketSnapshot, type: string): TicketRuleViolation {
  return {
    code: "TRANSITION_NOT_ALLOWED",
    message: `${type} is not allowed in state ${statePathOf(snapshot)}`,
  };
}

/** The OPEN facts are well formed (the machine's input has no guard of its own). */
export function checkOpenTicketFacts(facts: OpenTicketFacts): TicketRuleViolation | null {
  const envelope = checkEventEnvelope(facts);
  if (envelope) return envelope;
  for (const field of ["ticketId", "customerId", "title", "description"] as const) {
    const value: unknown = facts[field];
    if (typeof value !== "string" || value.trim() === "") {
      return { code: "INVALID_PAYLOAD", field, message: `${field} must not be empty` };
    }
  }
  const enums = [
    ["category", TICKET_CATEGORIES],
    ["product", PRODUCTS],
    ["severity", SEVERITIES],
  ] as const;
  for (const [field, allowed] of enums) {
    if (!(allowed as readonly string[]).includes(facts[field])) {
      return { code: "INVALID_PAYLOAD", field, message: `${field} must be one of ${allowed.join(", ")}` };
    }
  }
  if (facts.channel != null && typeof facts.channel !== "string") {
    return { code: "INVALID_PAYLOAD", field: "channel", message: "channel must be a string when given" };
  }
  return null;
}

/**
 * Opens a ticket: the snapshot after OPEN (state `intake`) and the effects it declares.
 * @throws TicketEventRefusedError when the facts are malformed.
 */
export function startTicket(facts: OpenTicketFacts): {
  snapshot: PersistedTicketSnapshot;
  statePath: string;
  effects: TicketEffect[];
} {
  const violation = checkOpenTicketFacts(facts);
  if (violation) {
    throw new TicketEventRefusedError({ ...violation, state: "", allowedEvents: ["OPEN"] }, 0);
  }
  const { type: _type, ...input } = facts as OpenTicketFacts & { type?: string };
  const [next, actions] = initialTransition(supportTicketMachine, { ...input, channel: input.channel ?? null });
  const snapshot = persist(next);
  return { snapshot, statePath: statePathOf(snapshot), effects: effectsOf(actions) };
}

/**
 * Runs one event through the machine. Pure: the same snapshot and event always give the same
 * result. A refusal carries a typed reason and changes nothing.
 * @throws TicketSnapshotError when the stored snapshot cannot be restored.
 */
export function applyTicketEvent(snapshot: PersistedTicketSnapshot, event: TicketEvent): ApplyTicketEventResult {
  const current = restore(snapshot);
  const type = (event as { type?: unknown }).type;
  const known = typeof type === "string" && (TICKET_EVENT_TYPES as readonly string[]).includes(type);
  const kind = known && isSystemEventType(type as TicketEventType) ? "SYSTEM" : "AGENT";
  const fromPath = statePathOf(snapshot);
  const candidates =
    known && current.status === "active" ? transitionsFrom(fromPath).filter((t) => t.event === type) : [];
  if (candidates.length === 0) {
    return { ok: false, refusal: refusal(snapshot, notAllowed(snapshot, String(type)), kind) };
  }
  const machineEvent = event as TicketMachineEvent;
  // XState hands back the very same snapshot when no transition is enabled (a guard said no);
  // checking that instead of `can()` computes the macrostep once, not twice.
  // XState's own pure transition: the actions come back declared, never executed.
  const [next, actions] = transition(supportTicketMachine, current, machineEvent);
  if (next === current) {
    const violation =
      candidates
        .map((t) => (t.guard ? TICKET_GUARD_RULES[t.guard as TicketGuardName](current.context, machineEvent) : null))
        .find((v) => v !== null) ?? notAllowed(snapshot, String(type));
    return { ok: false, refusal: refusal(snapshot, violation, kind) };
  }
  const persisted = persist(next);
  return { ok: true, snapshot: persisted, fromPath, statePath: statePathOf(persisted), effects: effectsOf(actions) };
}

/**
 * Events the ticket accepts now: a transition exists from the current state and the guard's
 * state-only precondition holds (ESCALATE appears only once a diagnosis note exists). Payload
 * rules (entitlement, empty text) are judged when the event arrives.
 */
export function availableEventTypes(
  snapshot: PersistedTicketSnapshot,
  options: { kind?: "AGENT" | "SYSTEM" | "ALL" } = {},
): TicketEventType[] {
  const kind = options.kind ?? "ALL";
  const current = restore(snapshot);
  if (current.status !== "active") return [];
  const available = new Set<TicketEventType>();
  for (const t of transitionsFrom(statePathOf(snapshot))) {
    if (kind !== "ALL" && t.kind !== kind) continue;
    const stateRule = t.guard ? TICKET_GUARD_STATE_RULES[t.guard as TicketGuardName] : undefined;
    if (stateRule && stateRule(current.context) !== null) continue;
    available.add(t.event);
  }
  return TICKET_EVENT_TYPES.filter((type) => available.has(type));
}

/** The full state path, e.g. "escalated.withMicrosoft". */
export function statePathOf(snapshot: PersistedTicketSnapshot): string {
  return pathOfValue(snapshot.value);
}

/** The top-level state, e.g. "escalated" (map with `toTicketStateEnum` for GraphQL). */
export function topLevelStateOf(snapshot: PersistedTicketSnapshot): string {
  return statePathOf(snapshot).split(".")[0] ?? "";
}

/** The ticket's context (facts, note counts, escalation ...), in today's shape. */
export function contextOf(snapshot: PersistedTicketSnapshot): TicketContext {
  return upgradeTicketSnapshot(snapshot).context;
}

/** True once the ticket reached a final state (closed or cancelled). */
export function isTicketFinished(snapshot: PersistedTicketSnapshot): boolean {
  return snapshot.status === "done";
}

/**
 * Rebuilds a snapshot from a ticket's full history (OPEN first). The audit verifier compares the
 * result with the stored snapshot (see `canonicalTicketSnapshot`).
 * @throws TicketEventRefusedError naming the first event the machine refuses.
 */
export function replayTicketEvents(events: readonly TicketEvent[]): PersistedTicketSnapshot {
  const [open, ...rest] = events;
  if (open === undefined || open.type !== "OPEN") {
    throw new TicketEventRefusedError(
      {
        code: "TRANSITION_NOT_ALLOWED",
        message: "A ticket history must start with OPEN",
        state: "",
        allowedEvents: ["OPEN"],
      },
      0,
    );
  }
  let snapshot = startTicket(open).snapshot;
  rest.forEach((event, index) => {
    const result = applyTicketEvent(snapshot, event);
    if (!result.ok) throw new TicketEventRefusedError(result.refusal, index + 1);
    snapshot = result.snapshot;
  });
  return snapshot;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Key-sorted JSON of a snapshot, for comparing a stored snapshot with a replayed one. */
export function canonicalTicketSnapshot(snapshot: PersistedTicketSnapshot): string {
  // Compared in today's shape, so a row stored before notes left the context still matches its replay.
  return JSON.stringify(canonical(upgradeTicketSnapshot(snapshot)));
}
