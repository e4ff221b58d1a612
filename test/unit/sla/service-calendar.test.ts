import { describe, expect, it } from "vitest";
import { ALWAYS_OPEN, addServiceMs, serviceMsBetween } from "../../../src/sla/service-calendar";
import { civilDateAt, instantOfWallTime, zoneOffsetMs } from "../../../src/sla/zoned-time";
import { at, berlinOffering, HOUR } from "./sla-fixtures";

const calendar = berlinOffering().calendar;
const iso = (ms: number) => new Date(ms).toISOString();

describe("addServiceMs (deadlines in service hours, Europe/Berlin)", () => {
  it("counts from the next opening when a ticket is opened outside hours", () => {
    // Tue 2025-06-10 20:00 CEST: the clock starts Wed 08:00 CEST; 4 h later is 12:00 CEST.
    expect(iso(addServiceMs(calendar, at("2025-06-10T18:00:00Z"), 4 * HOUR))).toBe("2025-06-11T10:00:00.000Z");
    // Before opening on the same day: 06:00 CEST -> 08:00 + 4 h.
    expect(iso(addServiceMs(calendar, at("2025-06-11T04:00:00Z"), 4 * HOUR))).toBe("2025-06-11T10:00:00.000Z");
  });

  it("skips the weekend (Friday closes at 16:00)", () => {
    // Fri 2025-06-13 15:00 CEST: 1 h on Friday, 3 h from Monday 08:00 -> Mon 11:00 CEST.
    expect(iso(addServiceMs(calendar, at("2025-06-13T13:00:00Z"), 4 * HOUR))).toBe("2025-06-16T09:00:00.000Z");
    // Opened on Saturday: Monday 08:00 + 4 h.
    expect(iso(addServiceMs(calendar, at("2025-06-14T10:00:00Z"), 4 * HOUR))).toBe("2025-06-16T10:00:00.000Z");
  });

  it("skips holidays", () => {
    // Wed 2025-12-24 17:00 CET: 1 h, then Thu 25 and Fri 26 are holidays, the weekend, Mon 29 08:00 + 3 h.
    expect(iso(addServiceMs(calendar, at("2025-12-24T16:00:00Z"), 4 * HOUR))).toBe("2025-12-29T10:00:00.000Z");
  });

  it("keeps local opening hours across the spring and autumn DST changes", () => {
    // Spring forward on Sun 2025-03-30: Friday is CET (+1), Monday CEST (+2).
    expect(iso(addServiceMs(calendar, at("2025-03-28T14:00:00Z"), 4 * HOUR))).toBe("2025-03-31T09:00:00.000Z");
    // Fall back on Sun 2025-10-26: Friday is CEST (+2), Monday CET (+1).
    expect(iso(addServiceMs(calendar, at("2025-10-24T13:00:00Z"), 4 * HOUR))).toBe("2025-10-27T10:00:00.000Z");
  });

  it("spans several days and lands exactly at a closing time", () => {
    // Mon 08:00 CEST + 10 h = Mon 18:00; + 20 h = Tue 18:00.
    expect(iso(addServiceMs(calendar, at("2025-06-16T06:00:00Z"), 10 * HOUR))).toBe("2025-06-16T16:00:00.000Z");
    expect(iso(addServiceMs(calendar, at("2025-06-16T06:00:00Z"), 20 * HOUR))).toBe("2025-06-17T16:00:00.000Z");
  });

  it("returns the start for zero and counts wall time on the 24x7 calendar", () => {
    expect(addServiceMs(calendar, at("2025-06-14T10:00:00Z"), 0)).toBe(at("2025-06-14T10:00:00Z"));
    expect(iso(addServiceMs(ALWAYS_OPEN, at("2025-03-29T23:30:00Z"), 2 * HOUR))).toBe("2025-03-30T01:30:00.000Z");
  });

  it("refuses a calendar that never opens", () => {
    const closed = { ...calendar, weekly: [[], [], [], [], [], [], []] };
    expect(() => addServiceMs(closed, at("2025-06-14T10:00:00Z"), HOUR)).toThrow(/no opening hours/);
  });
});

describe("serviceMsBetween", () => {
  it("counts only opening hours, none on weekends and holidays", () => {
    // Fri 2025-06-13 00:00Z .. Mon 2025-06-16 12:00Z: Friday 8 h + Monday 08:00-14:00 CEST (6 h).
    expect(serviceMsBetween(calendar, at("2025-06-13T00:00:00Z"), at("2025-06-16T12:00:00Z"))).toBe(14 * HOUR);
    expect(serviceMsBetween(calendar, at("2025-12-25T00:00:00Z"), at("2025-12-27T00:00:00Z"))).toBe(0);
    expect(serviceMsBetween(calendar, at("2025-06-16T12:00:00Z"), at("2025-06-16T11:00:00Z"))).toBe(0);
  });

  it("is the inverse of addServiceMs", () => {
    for (const start of ["2025-03-28T14:00:00Z", "2025-06-10T18:00:00Z", "2025-12-24T16:00:00Z", "2025-10-24T13:00:00Z"]) {
      for (const hours of [1, 4, 9.5, 30]) {
        const due = addServiceMs(calendar, at(start), hours * HOUR);
        expect(serviceMsBetween(calendar, at(start), due)).toBe(hours * HOUR);
      }
    }
  });

  it("counts a 23-hour and a 25-hour Sunday on a calendar open all Sunday", () => {
    const sundays = { ...calendar, weekly: [[{ startMinute: 0, endMinute: 1440 }], [], [], [], [], [], []] };
    expect(serviceMsBetween(sundays, at("2025-03-29T12:00:00Z"), at("2025-03-31T12:00:00Z"))).toBe(23 * HOUR);
    expect(serviceMsBetween(sundays, at("2025-10-25T12:00:00Z"), at("2025-10-27T12:00:00Z"))).toBe(25 * HOUR);
  });
});

describe("zoned time", () => {
  it("knows Berlin's offsets and local dates around midnight", () => {
    expect(zoneOffsetMs(at("2025-01-15T12:00:00Z"), "Europe/Berlin")).toBe(HOUR);
    expect(zoneOffsetMs(at("2025-07-15T12:00:00Z"), "Europe/Berlin")).toBe(2 * HOUR);
    expect(civilDateAt(at("2025-07-15T22:30:00Z"), "Europe/Berlin")).toEqual({ year: 2025, month: 7, day: 16 });
  });

  it("maps a wall time skipped by spring forward to the moment the clocks jump", () => {
    expect(iso(instantOfWallTime({ year: 2025, month: 3, day: 30 }, 150, "Europe/Berlin"))).toBe("2025-03-30T01:00:00.000Z");
    expect(iso(instantOfWallTime({ year: 2025, month: 3, day: 9 }, 8 * 60, "America/New_York"))).toBe("2025-03-09T12:00:00.000Z");
  });
});
