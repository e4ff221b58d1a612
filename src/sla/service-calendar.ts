import { civilDateAt, instantOfWallTime, isoDateOf, nextCivilDate, weekdayOf, type CivilDate } from "./zoned-time";

/** One daily opening window in local minutes of the day: [startMinute, endMinute), end may be 1440. */
export interface DailyWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

/**
 * When the desk is staffed: windows per weekday (0 = Sunday) in `timeZone`, minus holidays.
 * `alwaysOpen` is the 24x7 calendar (e.g. CRITICAL tickets).
 */
export interface ServiceCalendar {
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  readonly weekly: readonly (readonly DailyWindow[])[];
  /** Local dates, "YYYY-MM-DD". */
  readonly holidays: ReadonlySet<string>;
}

/** The 24x7 calendar. */
export const ALWAYS_OPEN: ServiceCalendar = { timeZone: "UTC", alwaysOpen: true, weekly: [], holidays: new Set() };

/** Longest stretch searched for opening hours: a calendar open less than once a year is a config error. */
const MAX_DAYS_SCANNED = 3_660;

/** The calendar's opening windows as UTC instants [start, end), in time order, overlapping [fromMs, ...). */
export function* openWindows(calendar: ServiceCalendar, fromMs: number): Generator<readonly [number, number]> {
  // Start one local day early: a window of the previous local day may still be open at fromMs.
  let date: CivilDate = civilDateAt(fromMs - 86_400_000, calendar.timeZone);
  let emptyDays = 0;
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED * 2; scanned++) {
    const windows = calendar.holidays.has(isoDateOf(date)) ? [] : (calendar.weekly[weekdayOf(date)] ?? []);
    for (const window of windows) {
      const start = instantOfWallTime(date, window.startMinute, calendar.timeZone);
      const end = instantOfWallTime(date, window.endMinute, calendar.timeZone);
      if (end > fromMs && end > start) yield [Math.max(start, fromMs), end];
    }
    emptyDays = windows.length === 0 ? emptyDays + 1 : 0;
    if (emptyDays > MAX_DAYS_SCANNED) return;
    date = nextCivilDate(date);
  }
}

/** Service time (ms) between two instants: the part of [fromMs, toMs) inside opening hours. */
export function serviceMsBetween(calendar: ServiceCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (calendar.alwaysOpen) return toMs - fromMs;
  let total = 0;
  for (const [start, end] of openWindows(calendar, fromMs)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total;
}

/**
 * The instant at which `serviceMs` of service time has passed since `fromMs` (a deadline).
 * Zero returns `fromMs` itself. Throws when the calendar has no opening hours in ten years.
 */
export function addServiceMs(calendar: ServiceCalendar, fromMs: number, serviceMs: number): number {
  if (serviceMs <= 0) return fromMs;
  if (calendar.alwaysOpen) return fromMs + serviceMs;
  let remaining = serviceMs;
  for (const [start, end] of openWindows(calendar, fromMs)) {
    const length = end - start;
    if (remaining <= length) return start + remaining;
    remaining -= length;
  }
  throw new RangeError("The service calendar has no opening hours within ten years");
}
