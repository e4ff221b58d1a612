/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl` (no tz database package):
 * the offset of a zone at an instant, and the instant of a local wall time, DST included.
 */

/** A calendar date without a time zone (the local date in the service calendar's zone). */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's local wall time at `instantMs`, as if that wall time were UTC (ms). */
function wallClockAsUtc(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The zone's offset from UTC at an instant, in ms (Europe/Berlin in summer: +7_200_000). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallClockAsUtc(wholeSecond, timeZone) - wholeSecond;
}

/** The local calendar date of an instant in the zone. */
export function civilDateAt(instantMs: number, timeZone: string): CivilDate {
  const local = new Date(instantMs + zoneOffsetMs(instantMs, timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * The instant at which the zone's clocks show `minuteOfDay` (0..1440) on `date`. A wall time
 * skipped by a spring-forward change maps to the instant the clocks jump (02:30 -> 03:00); an
 * ambiguous one (autumn, 02:30 twice) maps to one of its two occurrences (business hours never
 * fall in that hour in the zones partners use).
 */
export function instantOfWallTime(date: CivilDate, minuteOfDay: number, timeZone: string): number {
  const wallMs = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000;
  // Two rounds settle the offset on either side of a transition.
  const first = wallMs - zoneOffsetMs(wallMs, timeZone);
  const second = wallMs - zoneOffsetMs(first, timeZone);
  if (second === first) return first;
  const earlier = Math.min(first, second);
  const later = Math.max(first, second);
  // Ambiguous: take whichever occurrence maps back to the wall time.
  if (wallClockAsUtc(earlier, timeZone) === wallMs) return earlier;
  if (wallClockAsUtc(later, timeZone) === wallMs) return later;
  // Skipped (spring forward): the wall time does not exist; answer the instant the clocks jump.
  const offsetAfter = zoneOffsetMs(later, timeZone);
  let low = earlier;
  let high = later;
  for (let step = 0; step < 40 && high - low > 1000; step++) {
    const middle = Math.floor((low + high) / 2);
    if (zoneOffsetMs(middle, timeZone) === offsetAfter) high = middle;
    else low = middle;
  }
  return high;
}

/** The next calendar date. */
export function nextCivilDate(date: CivilDate): CivilDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** "2025-12-25". */
export function isoDateOf(date: CivilDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}
