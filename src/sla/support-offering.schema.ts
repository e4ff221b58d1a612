import { z } from "zod";
import { SEVERITIES, type Severity } from "../../machines";
import { isKnownTimeZone } from "./zoned-time";

/** Weekday names as the offering file spells them, index = JavaScript weekday (0 = Sunday). */
export const WEEKDAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How a customer reaches the desk. */
export const CONTACT_METHOD_KINDS = ["EMAIL", "PHONE", "PORTAL", "CHAT"] as const;
export type ContactMethodKind = (typeof CONTACT_METHOD_KINDS)[number];

/** Which hours count: SERVICE_HOURS only the desk's opening hours, ALWAYS 24x7. */
export const SLA_CLOCKS = ["SERVICE_HOURS", "ALWAYS"] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time HH:MM from 00:00 to 24:00");

const toMinutes = (value: string): number => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

const windowSchema = z
  .object({ from: hhmm, to: hhmm })
  .refine((window) => toMinutes(window.to) > toMinutes(window.from), { message: "to must be after from" });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

const targetSchema = z.object({
  severity: z.enum(SEVERITIES),
  /** Service time allowed until the first agent action. */
  firstResponseMinutes: z.number().int().positive(),
  /** Service time allowed until the ticket is resolved (paused states excluded). */
  resolutionMinutes: z.number().int().positive(),
  /** SERVICE_HOURS counts only opening hours; ALWAYS counts 24x7 (typical for CRITICAL). */
  clock: z.enum(SLA_CLOCKS),
});

const policySchema = z
  .object({
    version: z.number().int().positive(),
    /** Tickets opened at or after this instant (and before the next version's) use this policy. */
    effectiveFrom: z.iso.datetime({ offset: true }),
    /** Machine state paths (or their parents) in which the resolution clock stops. */
    pausedStates: z.array(z.string().min(1)),
    targets: z.array(targetSchema),
  })
  .refine((policy) => SEVERITIES.every((severity) => policy.targets.filter((t) => t.severity === severity).length === 1), {
    message: `targets must name each severity (${SEVERITIES.join(", ")}) exactly once`,
  });

/** The support offering file (config/support-offering.json), validated at start. */
export const supportOfferingSchema = z
  .object({
    partnerName: z.string().min(1),
    serviceHours: z
      .object({
        timeZone: z.string().refine(isKnownTimeZone, { message: "must be an IANA time zone, e.g. Europe/Berlin" }),
        weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(windowSchema)),
        holidays: z.array(z.object({ date: isoDate, name: z.string().min(1) })),
      })
      .refine((hours) => Object.values(hours.weekly).some((windows) => (windows ?? []).length > 0), {
        message: "at least one weekday needs opening hours",
      })
      .refine((hours) => Object.values(hours.weekly).every((windows) => nonOverlapping(windows ?? [])), {
        message: "a day's windows must be in order and must not overlap",
      }),
    contactMethods: z.array(
      z.object({
        kind: z.enum(CONTACT_METHOD_KINDS),
        address: z.string().min(1),
        /** SERVICE_HOURS, or ALWAYS for a 24x7 line (e.g. critical incidents). */
        availability: z.enum(SLA_CLOCKS),
        severities: z.array(z.enum(SEVERITIES)).optional(),
      }),
    ),
    plans: z.array(
      z.object({
        name: z.string().min(1),
        description: z.string(),
        priceText: z.string().min(1),
        severities: z.array(z.enum(SEVERITIES)),
      }),
    ),
    slaPolicies: z.array(policySchema).min(1),
  })
  .refine(
    (offering) =>
      offering.slaPolicies.every(
        (policy, index, all) =>
          index === 0 ||
          (policy.version > all[index - 1]!.version && Date.parse(policy.effectiveFrom) > Date.parse(all[index - 1]!.effectiveFrom)),
      ),
    { message: "slaPolicies must be listed oldest first, with increasing version and effectiveFrom", path: ["slaPolicies"] },
  );

export type SupportOfferingFile = z.infer<typeof supportOfferingSchema>;
export type SlaTarget = z.infer<typeof targetSchema> & { severity: Severity };

function nonOverlapping(windows: readonly { from: string; to: string }[]): boolean {
  return windows.every((window, index) => index === 0 || toMinutes(window.from) >= toMinutes(windows[index - 1]!.to));
}

export { toMinutes as minutesOfHhmm };
