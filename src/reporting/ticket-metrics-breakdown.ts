import { FINAL_STATES } from "../sla/ticket-sla";
import { civilDateAt, instantOfWallTime, isoDateOf, nextCivilDate } from "../sla/zoned-time";
import { detectBreaches } from "../sla/sla-breach";
import { known, lifecycleSeconds, ratio, stats, type DurationStats, type MetricsTicket } from "./ticket-metrics";

/** One ticket as the breakdowns see it. */
export interface BreakdownTicket extends Pick<MetricsTicket, "events" | "sla"> {
  readonly customerId: string;
  readonly product: string;
  readonly severity: string;
  readonly assigneeId: string | null;
}

/** The ticket metrics of one group (one agent, customer, severity or product). */
export interface MetricsGroup {
  readonly key: string;
  readonly ticketCount: number;
  /** Not closed or cancelled now. */
  readonly openCount: number;
  readonly breachCount: number;
  readonly breachRate: number;
  readonly firstResponse: DurationStats;
  readonly resolution: DurationStats;
}

/** What a group key is for tickets without an assignee. */
export const UNASSIGNED = "UNASSIGNED";

const isFinal = (state: string): boolean => FINAL_STATES.includes(state.split(".")[0]!);

/** Pure: the tickets grouped by `keyOf`, largest group first (then by key). */
export function groupMetrics(tickets: readonly BreakdownTicket[], keyOf: (ticket: BreakdownTicket) => string): MetricsGroup[] {
  const groups = new Map<string, BreakdownTicket[]>();
  for (const ticket of tickets) {
    const key = keyOf(ticket);
    groups.set(key, [...(groups.get(key) ?? []), ticket]);
  }
  return [...groups]
    .map(([key, members]) => {
      const breached = members.filter((ticket) => ticket.sla.breached).length;
      const seconds = members.map(lifecycleSeconds);
      return {
        key,
        ticketCount: members.length,
        openCount: members.filter((ticket) => !isFinal(ticket.events.at(-1)?.toState ?? "")).length,
        breachCount: breached,
        breachRate: ratio(breached, members.length),
        firstResponse: stats(known(seconds.map((ticket) => ticket.firstResponse))),
        resolution: stats(known(seconds.map((ticket) => ticket.resolution))),
      };
    })
    .sort((a, b) => b.ticketCount - a.ticketCount || a.key.localeCompare(b.key));
}

/** One local day of the desk (the offering's time zone). */
export interface DailyPoint {
  /** Local date YYYY-MM-DD. */
  readonly date: string;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
  /** Tickets opened that day. */
  readonly opened: number;
  /** Tickets that entered closed or cancelled that day. */
  readonly closed: number;
  /** Tickets open (opened, not yet closed or cancelled) at the end of the day. */
  readonly backlog: number;
  /** SLA targets missed that day (a ticket missing both counts twice). */
  readonly breaches: number;
}

/** Longest series answered (the period cap of ticketMetrics). */
const MAX_DAYS = 367;

/** The local days overlapping [from, to) in `timeZone`, each [start, end) as instants. */
export function localDays(from: Date, to: Date, timeZone: string): { date: string; startMs: number; endMs: number }[] {
  const days: { date: string; startMs: number; endMs: number }[] = [];
  let date = civilDateAt(from.getTime(), timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const startMs = instantOfWallTime(date, 0, timeZone);
    if (startMs >= to.getTime()) break;
    const next = nextCivilDate(date);
    days.push({ date: isoDateOf(date), startMs, endMs: instantOfWallTime(next, 0, timeZone) });
    date = next;
  }
  return days;
}

/**
 * Pure: opened, closed, backlog and breaches per local day over [from, to). `tickets` must hold
 * every ticket alive in the period (opened before `to`, not final before `from`), not only
 * those opened in it, or the backlog would start at zero.
 */
export function dailySeries(tickets: readonly BreakdownTicket[], from: Date, to: Date, timeZone: string): DailyPoint[] {
  const days = localDays(from, to, timeZone);
  const points = days.map((day) => ({ ...day, opened: 0, closed: 0, backlog: 0, breaches: 0 }));
  const dayIndex = (ms: number): number => {
    let lo = 0;
    let hi = points.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ms < points[mid]!.startMs) hi = mid - 1;
      else if (ms >= points[mid]!.endMs) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
  for (const ticket of tickets) {
    const openedMs = ticket.sla.openedAt.getTime();
    const finalEvent = ticket.events.find((event) => isFinal(event.toState));
    const finalMs = finalEvent ? finalEvent.at.getTime() : Number.POSITIVE_INFINITY;
    const opened = dayIndex(openedMs);
    if (opened >= 0) points[opened]!.opened += 1;
    if (finalEvent) {
      const closed = dayIndex(finalMs);
      if (closed >= 0) points[closed]!.closed += 1;
    }
    for (const point of points) {
      if (openedMs < point.endMs && finalMs >= point.endMs) point.backlog += 1;
    }
    for (const breach of detectBreaches(ticket.sla)) {
      const day = dayIndex(breach.dueAt.getTime());
      if (day >= 0) points[day]!.breaches += 1;
    }
  }
  return points.map(({ date, startMs, endMs, opened, closed, backlog, breaches }) => ({
    date,
    start: new Date(startMs),
    end: new Date(endMs),
    opened,
    closed,
    backlog,
    breaches,
  }));
}

/** Group keys of the four breakdowns. */
export const BREAKDOWNS = {
  byAgent: (ticket: BreakdownTicket) => ticket.assigneeId ?? UNASSIGNED,
  byCustomer: (ticket: BreakdownTicket) => ticket.customerId,
  bySeverity: (ticket: BreakdownTicket) => ticket.severity,
  byProduct: (ticket: BreakdownTicket) => ticket.product,
} as const;
