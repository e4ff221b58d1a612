import type { AlertDeliveryLog, StoredAlert } from "../../alerts/alert.store";
import type { Alert } from "./alert.types";

/** A stored alert and its delivery log as the GraphQL Alert. */
export function toAlert(stored: StoredAlert, deliveries: readonly AlertDeliveryLog[]): Alert {
  const payload = stored.payload;
  return {
    id: payload.id,
    kind: payload.kind,
    severity: payload.severity,
    occurredAt: new Date(payload.occurredAt),
    raisedAt: stored.raisedAt,
    title: payload.title,
    summary: payload.summary,
    customerId: payload.customer.id,
    customerName: payload.customer.name,
    ticket: payload.ticket ? { ...payload.ticket } : null,
    link: payload.link,
    details: JSON.stringify(payload.details),
    payload: JSON.stringify(payload),
    acknowledgedBy: stored.acknowledgedBy,
    acknowledgedAt: stored.acknowledgedAt,
    deliveries: deliveries
      .filter((delivery) => delivery.alertId === payload.id)
      .map((delivery) => ({ ...delivery, status: delivery.status.toUpperCase() })),
  };
}
