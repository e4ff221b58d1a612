import { parseSupportOffering, type SupportOffering } from "../../../src/sla/support-offering";

/** Berlin desk: Mon-Thu 08-18, Fri 08-16, two Christmas holidays; CRITICAL runs 24x7. */
export function berlinOffering(overrides: { policies?: unknown[] } = {}): SupportOffering {
  return parseSupportOffering({
    partnerName: "Test partner",
    serviceHours: {
      timeZone: "Europe/Berlin",
      weekly: {
        MONDAY: [{ from: "08:00", to: "18:00" }],
        TUESDAY: [{ from: "08:00", to: "18:00" }],
        WEDNESDAY: [{ from: "08:00", to: "18:00" }],
        THURSDAY: [{ from: "08:00", to: "18:00" }],
        FRIDAY: [{ from: "08:00", to: "16:00" }],
      },
      holidays: [
        { date: "2025-12-25", name: "Christmas Day" },
        { date: "2025-12-26", name: "Boxing Day" },
      ],
    },
    contactMethods: [{ kind: "EMAIL", address: "support@example.test", availability: "SERVICE_HOURS" }],
    plans: [{ name: "Business", description: "", priceText: "EUR 4 per user per month", severities: ["MINIMAL", "MODERATE", "CRITICAL"] }],
    slaPolicies: overrides.policies ?? [
      {
        version: 1,
        effectiveFrom: "2025-01-01T00:00:00Z",
        pausedStates: ["awaitingCustomer", "escalated.withMicrosoft"],
        targets: [
          { severity: "CRITICAL", firstResponseMinutes: 60, resolutionMinutes: 480, clock: "ALWAYS" },
          { severity: "MODERATE", firstResponseMinutes: 240, resolutionMinutes: 1200, clock: "SERVICE_HOURS" },
          { severity: "MINIMAL", firstResponseMinutes: 480, resolutionMinutes: 3000, clock: "SERVICE_HOURS" },
        ],
      },
    ],
  });
}

export const HOUR = 3_600_000;
export const at = (iso: string): number => Date.parse(iso);
