import { createHash } from "node:crypto";
import type { AlertKind } from "./alert-kind";

/**
 * The stable id of one occurrence: the same kind, subject and occurrence always give the same id,
 * on any instance, so the alert table's primary key raises it once and receivers can dedupe on it
 * (it is also the Standard Webhooks `webhook-id`).
 *
 * @example alertId("SLA_BREACHED", "ticket:7f0c...", "FIRST_RESPONSE") // "alrt_3b1f..."
 */
export function alertId(kind: AlertKind, subject: string, occurrence: string): string {
  const digest = createHash("sha256").update(`${kind}\n${subject}\n${occurrence}`).digest("hex");
  return `alrt_${digest.slice(0, 40)}`;
}
