import type { TicketSlaResult } from "../sla/ticket-sla";

/** One ticket as the metrics see it: its events (sequence order), category and computed SLA. */
export interface MetricsTicket {
  readonly category: string;
  readonly events: readonly { readonly type: string; readonly toState: string; readonly at: Date }[];
  readonly sla: TicketSlaResult;
}

export interface CountBy {
  readonly key: string;
  readonly count: number;
}

export interface DurationStats {
  readonly count: number;
  readonly medianSeconds: number | null;
  readonly p90Seconds: number | null;
}

/** Lifecycle metrics over the tickets opened in a period. */
export interface TicketMetricsResult {
  readonly ticketCount: number;
  /** Current top-level state path segment (intake, diagnosis, ...). */
  readonly byState: readonly CountBy[];
  readonly byCategory: readonly CountBy[];
  /** Wall-clock time from OPEN to the first agent action. */
  readonly firstResponse: DurationStats;
  /** Wall-clock time from OPEN to the first entry into resolved. */
  readonly resolution: DurationStats;
  /** Tickets with at least one ESCALATE / all tickets. */
  readonly escalationRate: number;
  /** Tickets with at least one REOPEN / tickets that were ever resolved. */
  readonly reopenRate: number;
  readonly breachCount: number;
  /** Breached tickets / all tickets. */
  readonly breachRate: number;
  /**
   * Per non-final state path: median of each ticket's total time in it, wall clock and in service
   * hours (tickets that were in it). Final states are left out: their time only measures age.
   */
  readonly timeInStateMedians: readonly { readonly state: string; readonly medianSeconds: number; readonly medianServiceSeconds: number; readonly ticketCount: number }[];
}

/**
 * Nearest-rank percentile (p in (0, 1]): the smallest value with at least p of the values at or
 * below it. Nearest-rank always answers an observed value, so a test can recompute it exactly.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export const stats = (seconds: readonly number[]): DurationStats => ({
  count: seconds.length,
  medianSeconds: percentile(seconds, 0.5),
  p90Seconds: percentile(seconds, 0.9),
});

const countBy = (keys: readonly string[]): CountBy[] => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

export const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/**
 * Wall-clock seconds from OPEN to the first agent action and to the first entry into resolved;
 * null when that has not happened.
 */
export function lifecycleSeconds(ticket: Pick<MetricsTicket, "events" | "sla">): {
  firstResponse: number | null;
  resolution: number | null;
} {
  const openedMs = ticket.sla.openedAt.getTime();
  const resolved = ticket.events.find((event) => event.toState === "resolved");
  return {
    firstResponse: ticket.sla.firstRespondedAt === null ? null : (ticket.sla.firstRespondedAt.getTime() - openedMs) / 1000,
    resolution: resolved ? (resolved.at.getTime() - openedMs) / 1000 : null,
  };
}

/** The values that are known (not null). */
export const known = (values: readonly (number | null)[]): number[] => values.filter((value) => value !== null);

/** Pure: the metrics of a set of tickets. */
export function computeTicketMetrics(tickets: readonly MetricsTicket[]): TicketMetricsResult {
  const seconds = tickets.map(lifecycleSeconds);
  const resolution = known(seconds.map((ticket) => ticket.resolution));
  const stateTimes = new Map<string, { wall: number[]; service: number[] }>();
  let escalated = 0;
  let reopened = 0;
  let breached = 0;
  for (const ticket of tickets) {
    if (ticket.events.some((event) => event.type === "ESCALATE")) escalated += 1;
    if (ticket.events.some((event) => event.type === "REOPEN")) reopened += 1;
    if (ticket.sla.breached) breached += 1;
    for (const { state, ms, serviceMs } of ticket.sla.timeInStates) {
      const lists = stateTimes.get(state) ?? { wall: [], service: [] };
      lists.wall.push(ms / 1000);
      lists.service.push(serviceMs / 1000);
      stateTimes.set(state, lists);
    }
  }
  return {
    ticketCount: tickets.length,
    byState: countBy(tickets.map((ticket) => (ticket.events[ticket.events.length - 1]?.toState ?? "").split(".")[0]!)),
    byCategory: countBy(tickets.map((ticket) => ticket.category)),
    firstResponse: stats(known(seconds.map((ticket) => ticket.firstResponse))),
    resolution: stats(resolution),
    escalationRate: ratio(escalated, tickets.length),
    reopenRate: ratio(reopened, resolution.length),
    breachCount: breached,
    breachRate: ratio(breached, tickets.length),
    timeInStateMedians: [...stateTimes]
      .map(([state, { wall, service }]) => ({
        state,
        medianSeconds: percentile(wall, 0.5)!,
        medianServiceSeconds: percentile(service, 0.5)!,
        ticketCount: wall.length,
      }))
      .sort((a, b) => a.state.localeCompare(b.state)),
  };
}
