import type { AlertKind } from "./alert-kind";

/** What a source (ticket events, the breach sweeper, the scanner) knows about an occurrence; the service makes the payload. */
export interface AlertCandidate {
  readonly kind: AlertKind;
  /** What it is about, e.g. `ticket:<id>`, `customer:<id>:incident:<id>`. */
  readonly subject: string;
  /** Which occurrence for that subject, e.g. the audit event id or the breach kind. */
  readonly occurrence: string;
  readonly occurredAt: Date;
  readonly customerId: string;
  readonly ticketId: string | null;
  readonly summary: string;
  readonly details: Readonly<Record<string, unknown>>;
}
