import type { AlertPayload } from "./alert-payload";

/** The facts of an alert as label/value pairs, for cards and mail (details flattened one level). */
export function alertFacts(payload: AlertPayload): { label: string; value: string }[] {
  const facts = [
    { label: "Severity", value: payload.severity },
    { label: "Customer", value: payload.customer.name ?? payload.customer.id },
    ...(payload.ticket ? [{ label: "Ticket", value: `${payload.ticket.title} (${payload.ticket.state})` }] : []),
    { label: "Occurred", value: payload.occurredAt },
  ];
  for (const [key, value] of Object.entries(payload.details)) {
    if (value === null || value === undefined) continue;
    facts.push({ label: key, value: typeof value === "string" ? value : JSON.stringify(value) });
  }
  return facts;
}

/** A plain-text body (mail, chat fallback). */
export function alertText(payload: AlertPayload): string {
  return [`${payload.title}`, "", payload.summary, "", ...alertFacts(payload).map((fact) => `${fact.label}: ${fact.value}`), "", `Open: ${payload.link}`, `Alert id: ${payload.id}`].join("\n");
}
