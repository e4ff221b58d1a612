import { describeWorkflow, type Severity } from "../../machines";
import { addServiceMs, serviceMsBetween, type ServiceCalendar } from "./service-calendar";
import type { SlaPolicy } from "./support-offering";

/** What the SLA computation reads from a ticket's audit events (sequence order). */
export interface SlaEvent {
  readonly type: string;
  readonly toState: string;
  readonly at: Date;
  readonly actor: { readonly role: string };
}

/** Time a ticket spent in one (non-final) state path: wall clock and within the desk's service hours. */
export interface StateTime {
  readonly state: string;
  readonly ms: number;
  /** The part of `ms` inside the offering's service hours (holidays and nights excluded). */
  readonly serviceMs: number;
}

/**
 * States a ticket never leaves (closed, cancelled). Time "in" them only grows with the age of the
 * data (a closed ticket sat in `closed` for months), so time in states leaves them out.
 */
export const FINAL_STATES: readonly string[] = describeWorkflow().finalStates;

/** A ticket's SLA standing, recomputed from its events: the same events and `now` give the same answer. */
export interface TicketSlaResult {
  readonly policyVersion: number;
  readonly severity: Severity;
  readonly openedAt: Date;
  readonly firstResponseDueAt: Date;
  /** The first response target in service time (ms): the policy's minutes for the severity. */
  readonly firstResponseTargetMs: number;
  /** Service time counted towards first response (ms): from OPEN to the first response, or to now. */
  readonly firstResponseServiceMs: number;
  /** The first agent action after intake (any non-system event after OPEN). */
  readonly firstRespondedAt: Date | null;
  readonly firstResponseBreached: boolean;
  /** Projected (or, once stopped, last projected) resolution deadline; null while the clock is paused. */
  readonly resolutionDueAt: Date | null;
  /** When the ticket last entered resolved/closed (null while open or after cancel). */
  readonly resolvedAt: Date | null;
  readonly resolutionBreached: boolean;
  /** The service-time instant the resolution target was first missed (null when it was not). */
  readonly resolutionBreachedAt: Date | null;
  readonly breached: boolean;
  /** When the first deadline was missed (null when none). */
  readonly breachedAt: Date | null;
  /** True while the ticket sits in a state the policy pauses. */
  readonly clockPaused: boolean;
  /** True once the ticket is resolved, closed or cancelled. */
  readonly clockStopped: boolean;
  /** Service time counted so far towards resolution (ms). */
  readonly resolutionServiceMs: number;
  /** The resolution target in service time (ms). */
  readonly resolutionTargetMs: number;
  readonly timeInStates: readonly StateTime[];
}

/** States in which the resolution clock has stopped for good (until a reopen). */
export const STOPPED_STATES: readonly string[] = ["resolved", "closed", "cancelled"];
const RESOLVED_STATES: readonly string[] = ["resolved", "closed"];

const inState = (statePath: string, states: readonly string[]): boolean =>
  states.some((state) => statePath === state || statePath.startsWith(`${state}.`));

/**
 * Computes a ticket's SLA from its audit events under one policy version.
 *
 * - First response: due `firstResponseMinutes` of service time after OPEN; answered by the first
 *   event after OPEN whose actor is not SYSTEM.
 * - Resolution: service time counts while the ticket is neither paused (`policy.pausedStates`)
 *   nor stopped (resolved, closed, cancelled); a reopen resumes counting. Breached when the
 *   counted time exceeds `resolutionMinutes`.
 * - Time in states: wall-clock ms per non-final state path, the current state up to `now`, and the
 *   same time counted in `serviceHours` only.
 *
 * @param calendar the calendar of the severity's clock (service hours, or 24x7 for ALWAYS)
 * @param serviceHours the desk's opening hours for `StateTime.serviceMs` (default: `calendar`)
 */
export function computeTicketSla(
  events: readonly SlaEvent[],
  policy: SlaPolicy,
  severity: Severity,
  calendar: ServiceCalendar,
  now: Date,
  serviceHours: ServiceCalendar = calendar,
): TicketSlaResult {
  const open = events[0];
  if (open === undefined || open.type !== "OPEN") throw new Error("A ticket's events start with OPEN");
  const target = policy.targets[severity];
  const openedMs = open.at.getTime();
  const nowMs = Math.max(now.getTime(), events[events.length - 1]!.at.getTime());

  const firstResponseDueMs = addServiceMs(calendar, openedMs, target.firstResponseMinutes * 60_000);
  const response = events.slice(1).find((event) => event.actor.role !== "SYSTEM");
  const firstRespondedMs = response?.at.getTime() ?? null;
  const firstResponseBreached = (firstRespondedMs ?? nowMs) > firstResponseDueMs;
  const firstResponseServiceMs = serviceMsBetween(calendar, openedMs, firstRespondedMs ?? nowMs);

  const resolutionTargetMs = target.resolutionMinutes * 60_000;
  const stateMs = new Map<string, { ms: number; serviceMs: number }>();
  let countedMs = 0;
  let resolutionDueMs: number | null = null;
  let resolutionBreachedMs: number | null = null;
  let resolvedMs: number | null = null;
  events.forEach((event, index) => {
    const startMs = event.at.getTime();
    const endMs = index + 1 < events.length ? events[index + 1]!.at.getTime() : nowMs;
    if (!FINAL_STATES.includes(event.toState)) {
      const spent = stateMs.get(event.toState) ?? { ms: 0, serviceMs: 0 };
      stateMs.set(event.toState, { ms: spent.ms + Math.max(0, endMs - startMs), serviceMs: spent.serviceMs + serviceMsBetween(serviceHours, startMs, endMs) });
    }
    if (inState(event.toState, STOPPED_STATES)) {
      // resolved -> closed keeps the time of the resolution itself.
      resolvedMs = inState(event.toState, RESOLVED_STATES) ? (resolvedMs ?? startMs) : null;
      return;
    }
    resolvedMs = null;
    if (inState(event.toState, policy.pausedStates)) return;
    const dueMs = addServiceMs(calendar, startMs, Math.max(0, resolutionTargetMs - countedMs));
    resolutionDueMs = dueMs;
    if (resolutionBreachedMs === null && countedMs < resolutionTargetMs && dueMs < endMs) resolutionBreachedMs = dueMs;
    countedMs += serviceMsBetween(calendar, startMs, endMs);
  });

  const current = events[events.length - 1]!.toState;
  const clockStopped = inState(current, STOPPED_STATES);
  const clockPaused = !clockStopped && inState(current, policy.pausedStates);
  const resolutionBreached = resolutionBreachedMs !== null;
  const breaches = [firstResponseBreached ? firstResponseDueMs : null, resolutionBreached ? resolutionBreachedMs : null].filter(
    (value): value is number => value !== null,
  );
  return {
    policyVersion: policy.version,
    severity,
    openedAt: open.at,
    firstResponseDueAt: new Date(firstResponseDueMs),
    firstResponseTargetMs: target.firstResponseMinutes * 60_000,
    firstResponseServiceMs,
    firstRespondedAt: firstRespondedMs === null ? null : new Date(firstRespondedMs),
    firstResponseBreached,
    resolutionDueAt: clockPaused || resolutionDueMs === null ? null : new Date(resolutionDueMs),
    resolvedAt: resolvedMs === null ? null : new Date(resolvedMs),
    resolutionBreached,
    resolutionBreachedAt: resolutionBreachedMs === null ? null : new Date(resolutionBreachedMs),
    breached: firstResponseBreached || resolutionBreached,
    breachedAt: breaches.length === 0 ? null : new Date(Math.min(...breaches)),
    clockPaused,
    clockStopped,
    resolutionServiceMs: countedMs,
    resolutionTargetMs,
    timeInStates: [...stateMs].map(([state, spent]) => ({ state, ...spent })),
  };
}

