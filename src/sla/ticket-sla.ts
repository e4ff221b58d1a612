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
  const fold = new TicketSlaFold(open, policy, severity, calendar, serviceHours);
  for (const event of events.slice(1)) fold.add(event);
  return fold.result(now);
}

/**
 * {@link computeTicketSla} as a left fold over the events, so a projection that sees every event
 * of a ticket as it is appended can keep the fold and add one event per transition instead of
 * re-reading the history (a note on a ticket with 400 notes costs what the first one did). Every
 * event is closed when the next arrives (its end is the next one's time); the last one is closed
 * at `now` on a copy, in {@link result}, so adding events after a result gives the same answers as
 * folding them all at once.
 */
export class TicketSlaFold {
  private readonly target: SlaPolicy["targets"][Severity];
  private readonly openedMs: number;
  private readonly firstResponseDueMs: number;
  private firstRespondedMs: number | null = null;
  private readonly stateMs = new Map<string, { ms: number; serviceMs: number }>();
  private countedMs = 0;
  private resolutionDueMs: number | null = null;
  private resolutionBreachedMs: number | null = null;
  private resolvedMs: number | null = null;
  /** The newest event, not yet closed. */
  private last: SlaEvent;
  /** Events folded so far (OPEN included). */
  private count = 1;

  constructor(
    open: SlaEvent,
    private readonly policy: SlaPolicy,
    private readonly severity: Severity,
    private readonly calendar: ServiceCalendar,
    private readonly serviceHours: ServiceCalendar = calendar,
  ) {
    if (open.type !== "OPEN") throw new Error("A ticket's events start with OPEN");
    this.target = policy.targets[severity];
    this.openedMs = open.at.getTime();
    this.firstResponseDueMs = addServiceMs(calendar, this.openedMs, this.target.firstResponseMinutes * 60_000);
    this.last = slaEventOf(open);
  }

  /** Events folded so far, OPEN included. */
  get events(): number {
    return this.count;
  }

  /** Folds the next event (sequence order). */
  add(event: SlaEvent): void {
    if (this.firstRespondedMs === null && event.actor.role !== "SYSTEM") this.firstRespondedMs = event.at.getTime();
    this.close(this.last, event.at.getTime());
    this.last = slaEventOf(event);
    this.count += 1;
  }

  /** The standing at `now` (not before the newest event), with the newest event closed at that time. */
  result(now: Date): TicketSlaResult {
    const nowMs = Math.max(now.getTime(), this.last.at.getTime());
    const open = this.copy();
    open.close(this.last, nowMs);
    return open.summary(this.last, nowMs);
  }

  private copy(): TicketSlaFold {
    const copy = Object.create(TicketSlaFold.prototype) as TicketSlaFold;
    Object.assign(copy, this);
    (copy as unknown as { stateMs: Map<string, { ms: number; serviceMs: number }> }).stateMs = new Map(this.stateMs);
    return copy;
  }

  /** Accounts `event` from its time to `endMs` (the next event's time, or now). */
  private close(event: SlaEvent, endMs: number): void {
    const startMs = event.at.getTime();
    if (!FINAL_STATES.includes(event.toState)) {
      const spent = this.stateMs.get(event.toState) ?? { ms: 0, serviceMs: 0 };
      this.stateMs.set(event.toState, { ms: spent.ms + Math.max(0, endMs - startMs), serviceMs: spent.serviceMs + serviceMsBetween(this.serviceHours, startMs, endMs) });
    }
    if (inState(event.toState, STOPPED_STATES)) {
      // resolved -> closed keeps the time of the resolution itself.
      this.resolvedMs = inState(event.toState, RESOLVED_STATES) ? (this.resolvedMs ?? startMs) : null;
      return;
    }
    this.resolvedMs = null;
    if (inState(event.toState, this.policy.pausedStates)) return;
    const resolutionTargetMs = this.target.resolutionMinutes * 60_000;
    const dueMs = addServiceMs(this.calendar, startMs, Math.max(0, resolutionTargetMs - this.countedMs));
    this.resolutionDueMs = dueMs;
    if (this.resolutionBreachedMs === null && this.countedMs < resolutionTargetMs && dueMs < endMs) this.resolutionBreachedMs = dueMs;
    this.countedMs += serviceMsBetween(this.calendar, startMs, endMs);
  }

  private summary(last: SlaEvent, nowMs: number): TicketSlaResult {
    const firstResponseBreached = (this.firstRespondedMs ?? nowMs) > this.firstResponseDueMs;
    const current = last.toState;
    const clockStopped = inState(current, STOPPED_STATES);
    const clockPaused = !clockStopped && inState(current, this.policy.pausedStates);
    const resolutionBreached = this.resolutionBreachedMs !== null;
    const breaches = [firstResponseBreached ? this.firstResponseDueMs : null, resolutionBreached ? this.resolutionBreachedMs : null].filter(
      (value): value is number => value !== null,
    );
    return {
      policyVersion: this.policy.version,
      severity: this.severity,
      openedAt: new Date(this.openedMs),
      firstResponseDueAt: new Date(this.firstResponseDueMs),
      firstResponseTargetMs: this.target.firstResponseMinutes * 60_000,
      firstResponseServiceMs: serviceMsBetween(this.calendar, this.openedMs, this.firstRespondedMs ?? nowMs),
      firstRespondedAt: this.firstRespondedMs === null ? null : new Date(this.firstRespondedMs),
      firstResponseBreached,
      resolutionDueAt: clockPaused || this.resolutionDueMs === null ? null : new Date(this.resolutionDueMs),
      resolvedAt: this.resolvedMs === null ? null : new Date(this.resolvedMs),
      resolutionBreached,
      resolutionBreachedAt: this.resolutionBreachedMs === null ? null : new Date(this.resolutionBreachedMs),
      breached: firstResponseBreached || resolutionBreached,
      breachedAt: breaches.length === 0 ? null : new Date(Math.min(...breaches)),
      clockPaused,
      clockStopped,
      resolutionServiceMs: this.countedMs,
      resolutionTargetMs: this.target.resolutionMinutes * 60_000,
      timeInStates: [...this.stateMs].map(([state, spent]) => ({ state, ...spent })),
    };
  }
}

/** Only what the fold reads, so a kept fold does not hold on to an event's payload (a 10,000-character note). */
const slaEventOf = (event: SlaEvent): SlaEvent => ({ type: event.type, toState: event.toState, at: event.at, actor: { role: event.actor.role } });
