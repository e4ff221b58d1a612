import { describe, expect, it } from "vitest";
import { SEVERITIES, type Severity } from "../../../machines";
import { addServiceMs, serviceMsBetween, type ServiceCalendar } from "../../../src/sla/service-calendar";
import type { SlaPolicy } from "../../../src/sla/support-offering";
import { computeTicketSla, FINAL_STATES, STOPPED_STATES, TicketSlaFold, type SlaEvent, type TicketSlaResult } from "../../../src/sla/ticket-sla";
import { berlinOffering, HOUR } from "./sla-fixtures";

// The SLA-due projection adds one event at a time to a kept fold (sla-due.projection.ts). These
// checks hold the fold to the one-pass computation it replaced (copied below as the oracle), on
// every prefix of generated histories, with results taken between additions.

const offering = berlinOffering();
const policy = offering.policies[0]!;
const RESOLVED_STATES: readonly string[] = ["resolved", "closed"];
const inState = (statePath: string, states: readonly string[]): boolean => states.some((state) => statePath === state || statePath.startsWith(`${state}.`));

function oneTimeComputation(
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


/** A deterministic history: state changes, notes in the same state, system events, long gaps (breaches). */
function history(seed: number, length: number): SlaEvent[] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const states = ["diagnosis", "diagnosis", "awaitingCustomer", "resolution", "escalated.withMicrosoft", "resolved", "diagnosis", "closed"];
  let at = Date.parse("2025-06-13T15:00:00Z");
  const events: SlaEvent[] = [{ type: "OPEN", toState: "intake", at: new Date(at), actor: { role: next() < 0.5 ? "SYSTEM" : "HELPDESK_AGENT" } }];
  let state = "intake";
  for (let i = 1; i < length; i++) {
    at += Math.floor(next() * (next() < 0.2 ? 40 * HOUR : HOUR));
    if (next() < 0.4) state = states[Math.floor(next() * states.length)]!;
    events.push({ type: next() < 0.5 ? "ADD_DIAGNOSIS_NOTE" : "CHANGE", toState: state, at: new Date(at), actor: { role: next() < 0.3 ? "SYSTEM" : "HELPDESK_AGENT" } });
  }
  return events;
}

describe("TicketSlaFold", () => {
  it("gives the one-pass answer on every prefix, with results taken between additions", () => {
    for (const severity of SEVERITIES) {
      for (let seed = 1; seed <= 3; seed++) {
        const events = history(seed * 7 + severity.length, 24);
        const fold = new TicketSlaFold(events[0]!, policy, severity, offering.calendar);
        events.forEach((event, index) => {
          if (index > 0) fold.add(event);
          const now = new Date(event.at.getTime() + (seed % 3) * 5 * HOUR);
          const expected = oneTimeComputation(events.slice(0, index + 1), policy, severity, offering.calendar, now);
          expect(fold.result(now)).toEqual(expected);
          expect(computeTicketSla(events.slice(0, index + 1), policy, severity, offering.calendar, now)).toEqual(expected);
        });
        expect(fold.events).toBe(events.length);
      }
    }
  });

  it("does not keep the events it folded (nor their payloads)", () => {
    const open = { type: "OPEN", toState: "intake", at: new Date("2025-06-16T06:00:00Z"), actor: { role: "HELPDESK_AGENT" }, payload: { note: "x".repeat(10_000) } };
    const fold = new TicketSlaFold(open, policy, "MODERATE", offering.calendar);
    expect(JSON.stringify(fold)).not.toContain("xxxx");
  });
});

