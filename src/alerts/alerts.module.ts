import type { DataSource } from "typeorm";
import type { Logger } from "pino";
import type { DelegatedAccess, TenantHealth } from "../cloud/cloud-types";
import type { Config } from "../config";
import { startPeriodicTasks, type RunningTasks } from "../escalation/escalation-runtime";
import type { SlaBreachStore } from "../sla/sla-breach.store";
import type { SlaService } from "../sla/sla.service";
import type { TicketService } from "../tickets/ticket.service";
import { AlertBus, type AlertRelay } from "./alert-bus";
import { AlertDeliveryWorker } from "./alert-delivery.worker";
import type { AlertDestination } from "./alert-destination";
import { ALERT_KINDS } from "./alert-kind";
import type { AlertRuleInput } from "./alert-rule";
import { loadAlertRulesFile } from "./alert-rules.file";
import { AlertScanner } from "./alert-scanner";
import { AlertSender } from "./alert-sender";
import { AlertService } from "./alert.service";
import { AlertStore } from "./alert.store";
import { startSandboxSink, type RunningSandboxSink } from "./sandbox-sink.server";
import { alertsForTicketEvent } from "./ticket-event-alerts";
import { TicketEventAlertCatchUp } from "./ticket-event-catch-up";
import type { TicketEventLog } from "../tickets/ticket-event-log";

/** The alerts of one gateway process. */
export interface AlertsModule {
  service: AlertService;
  scanner: AlertScanner;
  /** Raises the alerts of committed ticket events the live path missed (a crash between commit and raise). */
  catchUp: TicketEventAlertCatchUp;
  worker: AlertDeliveryWorker;
  bus: AlertBus;
  sender: AlertSender;
  /** The sandbox's local receiver (sandbox mode with ALERT_SINK=on), else null. */
  sink: RunningSandboxSink | null;
  /** Sets the console's address once the gateway listens (used when PUBLIC_BASE_URL is not set). */
  bindConsoleBaseUrl(url: string): void;
  /**
   * Anchors the catch-up's cursor at the newest event on the first start (before the gateway
   * listens and after the sandbox's demo seed, so demo history raises nothing). No-op with ALERTS=off.
   */
  anchor(): Promise<void>;
  /** Starts the delivery worker, the catch-up pass and the scanner (no-op when started or ALERT_WORKERS=off). */
  start(): void;
  stop(): Promise<void>;
}

/** The sandbox's default rule: every kind, every customer, to every sink channel. */
const sandboxRule = (destinations: readonly AlertDestination[]): AlertRuleInput => ({
  id: "sandbox-all",
  name: "Sandbox: every alert to the local sink",
  kinds: [...ALERT_KINDS],
  destinations: destinations.map((destination) => destination.name),
  customerScope: "ALL",
  customerIds: [],
  minSeverity: "INFO",
  enabled: true,
});

/**
 * Wires alerts: the raiser on committed ticket events, the breach sweeper's hook (returned as
 * `scanner.onBreaches`), the periodic scanner, the outbox delivery worker, the rules seeded from
 * ALERT_RULES_FILE (or, in the sandbox, one rule to the local sink).
 */
export async function createAlertsModule(deps: {
  config: Config;
  dataSource: DataSource;
  tickets: TicketService;
  /** The audit log in global order (the catch-up pass reads it). */
  eventLog: Pick<TicketEventLog, "head" | "eventsAfter">;
  sla: SlaService;
  slaBreaches: SlaBreachStore;
  customerName(customerId: string): Promise<string | null>;
  health(customerId: string): Promise<TenantHealth>;
  delegatedAccess(): Promise<Map<string, DelegatedAccess>>;
  /** The live-events transport `alertRaised` rides on (Redis across instances when configured). */
  live: AlertRelay;
  log: Logger;
}): Promise<AlertsModule> {
  const settings = deps.config.alerts;
  const log = deps.log;
  const file = settings.rulesFile === null ? null : loadAlertRulesFile(settings.rulesFile);
  const sink = settings.sink === null ? null : await startSandboxSink({ port: settings.sink.port, smtpPort: settings.sink.smtpPort });
  try {
    const destinations = new Map<string, AlertDestination>();
    for (const destination of [...(sink?.destinations ?? []), ...(file?.destinations ?? [])]) destinations.set(destination.name, destination);
    const store = new AlertStore(deps.dataSource);
    const seed = [...(file?.rules ?? []), ...(sink !== null && file === null ? [sandboxRule(sink.destinations)] : [])];
    if (seed.length > 0) await store.seedRules(seed, new Date());
    let consoleBaseUrl = settings.publicBaseUrl ?? `http://localhost:${deps.config.port}`;
    const bus = new AlertBus(deps.live, log);
    const service = new AlertService({
      store,
      destinations,
      customerName: (customerId) => deps.customerName(customerId),
      ticket: async (ticketId) => {
        const ticket = await deps.tickets.getTicket(ticketId);
        return { id: ticket.id, title: ticket.title, state: ticket.statePath };
      },
      consoleBaseUrl: () => consoleBaseUrl,
      bus,
      log,
    });
    const scanner = new AlertScanner({
      alerts: service,
      sla: deps.sla,
      tickets: deps.slaBreaches,
      ticketCustomer: async (ticketId) => (await deps.tickets.getTicket(ticketId).catch(() => null))?.customerId ?? null,
      health: (customerId) => deps.health(customerId),
      delegatedAccess: () => deps.delegatedAccess(),
      atRiskShare: settings.atRiskShare,
      gdapExpiryDays: settings.gdapExpiryDays,
      log,
    });
    const sender = new AlertSender({ timeoutMs: settings.delivery.timeoutMs });
    const worker = new AlertDeliveryWorker({
      alerts: store,
      destinations,
      sender,
      retry: { maxAttempts: settings.delivery.maxAttempts, baseDelayMs: settings.delivery.retryBaseDelayMs, maxDelayMs: settings.delivery.retryMaxDelayMs },
      leaseMs: settings.delivery.leaseMs,
      log,
    });
    // After commit, on the instance that committed: the fast path. A crash in between (or a failed
    // raise) is healed by the catch-up pass from the audit log; breaches, at-risk, incidents and
    // GDAP are re-seen by their sweeps.
    const stopListening = settings.enabled
      ? deps.tickets.onTransition((event) => {
          service.raiseAll(alertsForTicketEvent(event)).catch((error: unknown) => log.warn({ err: error, ticketId: event.ticketId }, "alert not raised"));
        })
      : () => undefined;
    const catchUp = new TicketEventAlertCatchUp({ alerts: service, events: deps.eventLog, log });
    if (sink !== null) log.info({ url: `${sink.url}/sink/messages`, smtpPort: sink.smtpPort }, "sandbox alert sink listening");
    let running: RunningTasks | null = null;
    return {
      service,
      scanner,
      catchUp,
      worker,
      bus,
      sender,
      sink,
      bindConsoleBaseUrl(url) {
        if (settings.publicBaseUrl === null) consoleBaseUrl = url.replace(/\/+$/, "");
      },
      async anchor() {
        if (settings.enabled) await catchUp.anchor();
      },
      start() {
        if (!settings.enabled || !settings.workers) return;
        running ??= startPeriodicTasks(
          [
            { name: "alert-delivery", intervalMs: settings.delivery.pollIntervalMs, runOnce: () => worker.runOnce() },
            // First round right after start: what a crash lost before it is raised (and delivered) at once.
            { name: "alert-catch-up", intervalMs: settings.scanIntervalMs, runOnce: () => catchUp.runOnce().then(() => undefined) },
            { name: "alert-scan", intervalMs: settings.scanIntervalMs, runOnce: () => scanner.scanOnce() },
          ],
          log,
        );
      },
      async stop() {
        stopListening();
        await running?.stop();
        running = null;
        sender.close();
        await sink?.close();
      },
    };
  } catch (error) {
    await sink?.close();
    throw error;
  }
}
