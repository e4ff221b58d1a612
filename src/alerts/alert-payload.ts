import { ALERT_KINDS, type AlertKind, type AlertSeverity } from "./alert-kind";

/** The payload schema version (schema/alert.v1.schema.json). */
export const ALERT_SCHEMA_VERSION = "alert.v1";

/**
 * One alert as every channel sends it (webhook body, the JSON in a mail, the feed): one schema for
 * all kinds, the kind's own facts under `details`.
 */
export interface AlertPayload {
  readonly schema: typeof ALERT_SCHEMA_VERSION;
  readonly id: string;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  /** When it happened (the breach deadline, the audit event's time, the scan that saw it). */
  readonly occurredAt: string;
  readonly title: string;
  readonly summary: string;
  readonly customer: { readonly id: string; readonly name: string | null };
  readonly ticket: { readonly id: string; readonly title: string; readonly state: string } | null;
  /** Where an agent acts on it in the console. */
  readonly link: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The console link of a ticket, or of a customer when there is no ticket. */
export function consoleLink(baseUrl: string, target: { ticketId: string | null; customerId: string }): string {
  const base = baseUrl.replace(/\/+$/, "");
  return target.ticketId !== null ? `${base}/tickets/${encodeURIComponent(target.ticketId)}` : `${base}/customers/${encodeURIComponent(target.customerId)}`;
}

/** True for a value shaped like an alert.v1 payload (one received from another instance over Redis). */
export function isAlertPayload(value: unknown): value is AlertPayload {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof AlertPayload, unknown>>;
  const customer = candidate.customer as { id?: unknown } | null | undefined;
  return (
    candidate.schema === ALERT_SCHEMA_VERSION &&
    typeof candidate.id === "string" &&
    (ALERT_KINDS as readonly unknown[]).includes(candidate.kind) &&
    typeof candidate.occurredAt === "string" &&
    typeof customer?.id === "string"
  );
}
