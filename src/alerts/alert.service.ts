import type { Logger } from "pino";
import type { AlertBus } from "./alert-bus";
import type { AlertCandidate } from "./alert-candidate";
import type { AlertDestination } from "./alert-destination";
import { alertId } from "./alert-id";
import { ALERT_HEADLINE, ALERT_SEVERITY } from "./alert-kind";
import { ALERT_SCHEMA_VERSION, consoleLink, type AlertPayload } from "./alert-payload";
import { routeAlert } from "./alert-rule";
import type { AlertStore } from "./alert.store";

/** A ticket's identity in a payload. */
export interface AlertTicketSummary {
  id: string;
  title: string;
  state: string;
}

export interface AlertServiceDeps {
  store: AlertStore;
  /** Destinations by name (ALERT_RULES_FILE, plus the sandbox sink). */
  destinations: ReadonlyMap<string, AlertDestination>;
  customerName(customerId: string): Promise<string | null>;
  ticket(ticketId: string): Promise<AlertTicketSummary | null>;
  /** PUBLIC_BASE_URL: the console's address for links. */
  consoleBaseUrl: () => string;
  bus: AlertBus;
  log: Logger;
  clock?: () => Date;
}

/**
 * Turns occurrences into alerts: builds the alert.v1 payload, routes it through the rules, stores
 * it with its deliveries (once: the id is deterministic and the primary key) and tells live
 * subscribers. Every source may report an occurrence any number of times.
 */
export class AlertService {
  constructor(private readonly deps: AlertServiceDeps) {}

  get store(): AlertStore {
    return this.deps.store;
  }

  get destinations(): ReadonlyMap<string, AlertDestination> {
    return this.deps.destinations;
  }

  now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  /** Raises every candidate not raised before; returns the payloads that were new. */
  async raiseAll(candidates: readonly AlertCandidate[]): Promise<AlertPayload[]> {
    if (candidates.length === 0) return [];
    const ids = candidates.map((candidate) => alertId(candidate.kind, candidate.subject, candidate.occurrence));
    // A cheap read first: sweeps and scans report the same occurrences again and again.
    const known = await this.deps.store.existing(ids);
    const raised: AlertPayload[] = [];
    for (const [index, candidate] of candidates.entries()) {
      if (known.has(ids[index]!)) continue;
      const payload = await this.raise(candidate);
      if (payload) raised.push(payload);
    }
    return raised;
  }

  /** Raises one occurrence; null when it was raised before. */
  async raise(candidate: AlertCandidate): Promise<AlertPayload | null> {
    const payload = await this.payloadOf(candidate);
    const rules = await this.deps.store.rules();
    const destinations = routeAlert(rules, { kind: payload.kind, severity: payload.severity, customerId: payload.customer.id }).flatMap((name) => {
      const destination = this.deps.destinations.get(name);
      if (!destination) this.deps.log.warn({ destination: name, alertId: payload.id }, "alert rule names an unknown destination; skipped");
      return destination ? [{ name, channel: destination.channel }] : [];
    });
    const isNew = await this.deps.store.raise(payload, destinations, this.now());
    if (!isNew) return null;
    this.deps.log.info({ alertId: payload.id, kind: payload.kind, customerId: payload.customer.id, ticketId: payload.ticket?.id, destinations: destinations.length }, "alert raised");
    this.deps.bus.publish(payload);
    return payload;
  }

  /** The payload of a candidate (also what test-send delivers). */
  async payloadOf(candidate: AlertCandidate): Promise<AlertPayload> {
    const [name, ticket] = await Promise.all([
      this.deps.customerName(candidate.customerId).catch(() => null),
      candidate.ticketId === null ? Promise.resolve(null) : this.deps.ticket(candidate.ticketId).catch(() => null),
    ]);
    return {
      schema: ALERT_SCHEMA_VERSION,
      id: alertId(candidate.kind, candidate.subject, candidate.occurrence),
      kind: candidate.kind,
      severity: ALERT_SEVERITY[candidate.kind],
      occurredAt: candidate.occurredAt.toISOString(),
      title: ALERT_HEADLINE[candidate.kind],
      summary: candidate.summary,
      customer: { id: candidate.customerId, name },
      ticket: ticket === null ? null : { id: ticket.id, title: ticket.title, state: ticket.state },
      link: consoleLink(this.deps.consoleBaseUrl(), { ticketId: ticket?.id ?? candidate.ticketId, customerId: candidate.customerId }),
      details: candidate.details,
    };
  }
}
