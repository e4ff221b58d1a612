import { readFileSync } from "node:fs";
import type { Severity } from "../../machines";
import { ALWAYS_OPEN, type DailyWindow, type ServiceCalendar } from "./service-calendar";
import { minutesOfHhmm, supportOfferingSchema, WEEKDAYS, type SlaTarget, type SupportOfferingFile } from "./support-offering.schema";

/** One version of the SLA policy: targets per severity and the states that pause the clock. */
export interface SlaPolicy {
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly pausedStates: readonly string[];
  readonly targets: Readonly<Record<Severity, SlaTarget>>;
}

/** The partner's published support promise, validated, with its service calendar and SLA policies. */
export interface SupportOffering {
  readonly file: SupportOfferingFile;
  readonly calendar: ServiceCalendar;
  /** Oldest first. */
  readonly policies: readonly SlaPolicy[];
}

/** A bad offering file: the message names the file and the JSON path of the first problem. */
export class SupportOfferingError extends Error {
  override readonly name = "SupportOfferingError";
}

/** Validates parsed JSON into a SupportOffering; throws SupportOfferingError naming the first problem. */
export function parseSupportOffering(json: unknown, source = "support offering"): SupportOffering {
  const result = supportOfferingSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new SupportOfferingError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const file = result.data;
  const weekly: DailyWindow[][] = WEEKDAYS.map((day) =>
    (file.serviceHours.weekly[day] ?? []).map((window) => ({ startMinute: minutesOfHhmm(window.from), endMinute: minutesOfHhmm(window.to) })),
  );
  return {
    file,
    calendar: {
      timeZone: file.serviceHours.timeZone,
      alwaysOpen: false,
      weekly,
      holidays: new Set(file.serviceHours.holidays.map((holiday) => holiday.date)),
    },
    policies: file.slaPolicies.map((policy) => ({
      version: policy.version,
      effectiveFrom: new Date(policy.effectiveFrom),
      pausedStates: policy.pausedStates,
      targets: Object.fromEntries(policy.targets.map((target) => [target.severity, target])) as Record<Severity, SlaTarget>,
    })),
  };
}

/** Reads and validates the offering file (at start: a bad file stops the gateway with one line). */
export function loadSupportOffering(path: string): SupportOffering {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SupportOfferingError(`${path}: cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SupportOfferingError(`${path}: is not valid JSON (${(error as Error).message})`);
  }
  return parseSupportOffering(json, path);
}

/**
 * The policy a ticket opened at `openedAt` is measured by: the newest version effective at that
 * instant (the oldest one for tickets older than every policy). Versions are only ever added with
 * a later `effectiveFrom`, so a ticket's version never changes after it was opened.
 */
export function policyForOpening(offering: SupportOffering, openedAt: Date): SlaPolicy {
  let chosen = offering.policies[0]!;
  for (const policy of offering.policies) {
    if (policy.effectiveFrom.getTime() <= openedAt.getTime()) chosen = policy;
  }
  return chosen;
}

/** The policy with this version, or undefined. */
export function policyByVersion(offering: SupportOffering, version: number): SlaPolicy | undefined {
  return offering.policies.find((policy) => policy.version === version);
}

/** The calendar a target's clock runs on. */
export function calendarForTarget(offering: SupportOffering, target: SlaTarget): ServiceCalendar {
  return target.clock === "ALWAYS" ? ALWAYS_OPEN : offering.calendar;
}
