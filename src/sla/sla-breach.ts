import type { TicketSlaResult } from "./ticket-sla";

/** Which SLA target was missed. */
export const SLA_BREACH_KINDS = ["FIRST_RESPONSE", "RESOLUTION"] as const;
export type SlaBreachKind = (typeof SLA_BREACH_KINDS)[number];

/** A missed target as computed from a ticket's events (what the sweeper records once). */
export interface DetectedSlaBreach {
  readonly kind: SlaBreachKind;
  /** The deadline that passed. */
  readonly dueAt: Date;
  readonly policyVersion: number;
}

/** A breach as recorded by the sweeper. */
export interface RecordedSlaBreach extends DetectedSlaBreach {
  readonly ticketId: string;
  /** When a sweep first saw it (not the deadline: sweeps run at intervals). */
  readonly detectedAt: Date;
}

/** The breaches in a computed SLA: pure, so the same events and `now` give the same breaches. */
export function detectBreaches(sla: TicketSlaResult): DetectedSlaBreach[] {
  const breaches: DetectedSlaBreach[] = [];
  if (sla.firstResponseBreached) breaches.push({ kind: "FIRST_RESPONSE", dueAt: sla.firstResponseDueAt, policyVersion: sla.policyVersion });
  if (sla.resolutionBreached && sla.resolutionBreachedAt !== null) {
    breaches.push({ kind: "RESOLUTION", dueAt: sla.resolutionBreachedAt, policyVersion: sla.policyVersion });
  }
  return breaches;
}
