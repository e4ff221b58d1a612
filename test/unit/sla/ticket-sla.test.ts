import { describe, expect, it } from "vitest";
import { parseSupportOffering, policyByVersion, policyForOpening, SupportOfferingError } from "../../../src/sla/support-offering";
import { computeTicketSla, type SlaEvent } from "../../../src/sla/ticket-sla";
import { ALWAYS_OPEN } from "../../../src/sla/service-calendar";
import { berlinOffering, HOUR } from "./sla-fixtures";

const offering = berlinOffering();
const policy = offering.policies[0]!;
const agent = { role: "HELPDESK_AGENT" };
const system = { role: "SYSTEM" };
const ev = (type: string, toState: string, iso: string, actor = agent): SlaEvent => ({ type, toState, at: new Date(iso), actor });

describe("computeTicketSla", () => {
  it("measures first response from an opening outside hours and answers in time", () => {
    const events = [ev("OPEN", "intake", "2025-06-10T18:00:00Z"), ev("START_DIAGNOSIS", "diagnosis", "2025-06-11T07:00:00Z")];
    const sla = computeTicketSla(events, policy, "MODERATE", offering.calendar, new Date("2025-06-11T08:00:00Z"));
    expect(sla.firstResponseDueAt.toISOString()).toBe("2025-06-11T10:00:00.000Z");
    expect(sla.firstRespondedAt?.toISOString()).toBe("2025-06-11T07:00:00.000Z");
    expect(sla).toMatchObject({ firstResponseBreached: false, breached: false, clockPaused: false, clockStopped: false });
    // 20 h of service time: Wed 08:00 CEST + 20 h = Thu 18:00 CEST.
    expect(sla.resolutionDueAt?.toISOString()).toBe("2025-06-12T16:00:00.000Z");
  });

  it("breaches first response over a weekend when nobody acts", () => {
    const events = [ev("OPEN", "intake", "2025-06-13T13:00:00Z")];
    const before = computeTicketSla(events, policy, "MODERATE", offering.calendar, new Date("2025-06-15T12:00:00Z"));
    expect(before).toMatchObject({ firstResponseBreached: false, breached: false, breachedAt: null });
    const after = computeTicketSla(events, policy, "MODERATE", offering.calendar, new Date("2025-06-16T09:30:00Z"));
    expect(after).toMatchObject({ firstResponseBreached: true, breached: true });
    expect(after.breachedAt?.toISOString()).toBe("2025-06-16T09:00:00.000Z");
  });

  it("does not count system events as a first response", () => {
    const events = [ev("OPEN", "intake", "2025-06-16T06:00:00Z"), ev("LINKED_INCIDENT_RESOLVED", "intake", "2025-06-16T07:00:00Z", system)];
    expect(computeTicketSla(events, policy, "MODERATE", offering.calendar, new Date("2025-06-16T07:30:00Z")).firstRespondedAt).toBeNull();
  });

  it("pauses the resolution clock while waiting on the customer and on Microsoft", () => {
    const events = [
      ev("OPEN", "intake", "2025-06-16T06:00:00Z"), // Mon 08:00 CEST
      ev("START_DIAGNOSIS", "diagnosis", "2025-06-16T07:00:00Z"),
      ev("REQUEST_CUSTOMER_INFO", "awaitingCustomer", "2025-06-16T08:00:00Z"), // 2 h counted
      ev("RECORD_CUSTOMER_REPLY", "diagnosis", "2025-06-18T08:00:00Z"), // two days paused
      ev("ESCALATE", "escalated.filing", "2025-06-18T09:00:00Z"), // 3 h
      ev("MARK_FILED", "escalated.withMicrosoft", "2025-06-18T10:00:00Z", system), // 4 h
      ev("MICROSOFT_CLOSED", "resolution", "2025-06-19T10:00:00Z", system), // paused a day
      ev("CONFIRM_RESOLUTION", "resolved", "2025-06-19T11:00:00Z"), // 5 h
    ];
    const sla = computeTicketSla(events, policy, "MODERATE", offering.calendar, new Date("2025-06-20T00:00:00Z"));
    expect(sla.resolutionServiceMs).toBe(5 * HOUR);
    expect(sla).toMatchObject({ resolutionBreached: false, breached: false, clockStopped: true, clockPaused: false });
    expect(sla.resolvedAt?.toISOString()).toBe("2025-06-19T11:00:00.000Z");
    const waiting = computeTicketSla(events.slice(0, 3), policy, "MODERATE", offering.calendar, new Date("2025-06-17T08:00:00Z"));
    expect(waiting).toMatchObject({ clockPaused: true, resolutionDueAt: null, resolutionServiceMs: 2 * HOUR });
  });

  it("breaches resolution at the exact deadline and resumes counting after a reopen", () => {
    const events = [
      ev("OPEN", "intake", "2025-06-16T06:00:00Z"),
      ev("START_DIAGNOSIS", "diagnosis", "2025-06-16T06:30:00Z"),
      ev("PROPOSE_RESOLUTION", "resolution", "2025-06-16T08:00:00Z"),
      ev("CONFIRM_RESOLUTION", "resolved", "2025-06-16T09:00:00Z"), // 3 h counted
      ev("REOPEN", "diagnosis", "2025-06-17T06:00:00Z"), // Tue 08:00 CEST, 17 h left
      ev("PROPOSE_RESOLUTION", "resolution", "2025-06-19T06:00:00Z"),
    ];
    const sla = computeTicketSla(events, policy, "MODERATE", offering.calendar, new Date("2025-06-19T07:00:00Z"));
    // Tue 08:00 + 17 h = Tue 10 h + Wed 7 h -> Wed 15:00 CEST.
    expect(sla.breachedAt?.toISOString()).toBe("2025-06-18T13:00:00.000Z");
    expect(sla).toMatchObject({ resolutionBreached: true, breached: true, firstResponseBreached: false, resolvedAt: null });
  });

  it("runs CRITICAL tickets on the 24x7 clock", () => {
    const events = [ev("OPEN", "intake", "2025-06-14T22:00:00Z")]; // Saturday night
    const sla = computeTicketSla(events, policy, "CRITICAL", ALWAYS_OPEN, new Date("2025-06-14T22:30:00Z"));
    expect(sla.firstResponseDueAt.toISOString()).toBe("2025-06-14T23:00:00.000Z");
    expect(sla.resolutionDueAt?.toISOString()).toBe("2025-06-15T06:00:00.000Z");
  });

  it("reports wall-clock and service-hours time per non-final state, the current one up to now", () => {
    const events = [ev("OPEN", "intake", "2025-06-16T06:00:00Z"), ev("START_DIAGNOSIS", "diagnosis", "2025-06-16T07:00:00Z"), ev("CANCEL", "cancelled", "2025-06-16T09:00:00Z")];
    const sla = computeTicketSla(events, policy, "MINIMAL", offering.calendar, new Date("2025-06-20T10:00:00Z"));
    // Final states are left out: the four days in `cancelled` would swamp every median.
    expect(sla.timeInStates).toEqual([
      { state: "intake", ms: HOUR, serviceMs: HOUR },
      { state: "diagnosis", ms: 2 * HOUR, serviceMs: 2 * HOUR },
    ]);
    expect(sla).toMatchObject({ clockStopped: true, resolvedAt: null });
  });

  it("counts only the desk's opening hours in service time per state (a night in intake is 2 h, not 16 h)", () => {
    // Mon 17:00 CEST -> Tue 09:00 CEST: 17:00-18:00 and 08:00-09:00 are inside service hours.
    const events = [ev("OPEN", "intake", "2025-06-16T15:00:00Z"), ev("START_DIAGNOSIS", "diagnosis", "2025-06-17T07:00:00Z")];
    const sla = computeTicketSla(events, policy, "CRITICAL", ALWAYS_OPEN, new Date("2025-06-17T07:00:00Z"), offering.calendar);
    expect(sla.timeInStates[0]).toEqual({ state: "intake", ms: 16 * HOUR, serviceMs: 2 * HOUR });
  });

  it("gives the same answer on every recomputation", () => {
    const events = [ev("OPEN", "intake", "2025-06-13T13:00:00Z"), ev("START_DIAGNOSIS", "diagnosis", "2025-06-16T10:00:00Z")];
    const now = new Date("2025-06-20T00:00:00Z");
    expect(computeTicketSla(events, policy, "MODERATE", offering.calendar, now)).toEqual(computeTicketSla(events, policy, "MODERATE", offering.calendar, now));
  });

  it("refuses events that do not start with OPEN", () => {
    expect(() => computeTicketSla([], policy, "MODERATE", offering.calendar, new Date())).toThrow(/OPEN/);
  });
});

describe("SLA policy versions", () => {
  const v1 = { version: 1, effectiveFrom: "2025-01-01T00:00:00Z", pausedStates: ["awaitingCustomer"], targets: ["CRITICAL", "MODERATE", "MINIMAL"].map((severity) => ({ severity, firstResponseMinutes: 240, resolutionMinutes: 1200, clock: "SERVICE_HOURS" })) };
  const v2 = { ...v1, version: 2, effectiveFrom: "2025-07-01T00:00:00Z", targets: v1.targets.map((target) => ({ ...target, firstResponseMinutes: 60 })) };

  it("keeps a ticket on the version in effect when it was opened", () => {
    const versioned = berlinOffering({ policies: [v1, v2] });
    expect(policyForOpening(versioned, new Date("2025-06-30T23:59:59Z")).version).toBe(1);
    expect(policyForOpening(versioned, new Date("2025-07-01T00:00:00Z")).version).toBe(2);
    expect(policyForOpening(versioned, new Date("2024-01-01T00:00:00Z")).version).toBe(1);
    expect(policyByVersion(versioned, 2)?.targets.MODERATE.firstResponseMinutes).toBe(60);
    // Adding version 2 changes nothing for a June ticket.
    const events = [ev("OPEN", "intake", "2025-06-16T06:00:00Z")];
    const now = new Date("2025-06-16T08:00:00Z");
    const before = computeTicketSla(events, policyForOpening(berlinOffering({ policies: [v1] }), events[0]!.at), "MODERATE", offering.calendar, now);
    const after = computeTicketSla(events, policyForOpening(versioned, events[0]!.at), "MODERATE", offering.calendar, now);
    expect(after).toEqual(before);
  });

  it("refuses versions out of order, a missing severity and a bad time zone", () => {
    expect(() => berlinOffering({ policies: [v2, v1] })).toThrow(SupportOfferingError);
    expect(() => berlinOffering({ policies: [{ ...v1, targets: v1.targets.slice(1) }] })).toThrow(/each severity/);
    expect(() => parseSupportOffering({ ...berlinOffering().file, serviceHours: { ...berlinOffering().file.serviceHours, timeZone: "Mars/Olympus" } })).toThrow(/serviceHours.timeZone/);
    expect(() => parseSupportOffering({ ...berlinOffering().file, serviceHours: { ...berlinOffering().file.serviceHours, weekly: { MONDAY: [{ from: "18:00", to: "08:00" }] } } })).toThrow(/after from/);
  });
});
