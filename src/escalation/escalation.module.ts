import type { DataSource } from "typeorm";
import type { Product } from "../../machines";
import type { ServiceHealthFeed, ServiceRequestDesk } from "../cloud/ports";
import type { TicketService } from "../tickets/ticket.service";
import type { TicketStore } from "../tickets/ticket.store";
import type { Config } from "../config";
import type { AssertionVault } from "./assertion-vault";
import { EscalationStore } from "./escalation.store";
import { EscalationOutboxWorker, type WorkerLog } from "./escalation-outbox.worker";
import { startPeriodicTasks, type RunningTasks } from "./escalation-runtime";
import { EscalationSyncPoller } from "./escalation-sync.poller";
import { ServiceRequestDeskRouter } from "./service-request-desk.router";

/** How often stored sign-ins nobody needs any more are deleted. */
const ASSERTION_SWEEP_INTERVAL_MS = 60_000;

/** The escalation workers of one gateway process. */
export interface EscalationModule {
  store: EscalationStore;
  assertions: AssertionVault;
  worker: EscalationOutboxWorker;
  poller: EscalationSyncPoller;
  /** Starts the periodic rounds (no-op when already started). */
  start(): void;
  stop(): Promise<void>;
}

/** Wires the outbox worker and the sync poller for Microsoft 365 / Dynamics 365 (Partner Center desk). */
export function createEscalationModule(deps: {
  dataSource: DataSource;
  tickets: TicketService;
  ticketStore: TicketStore;
  partnerCenterDesk: ServiceRequestDesk;
  /** Desks for products that do not file through Partner Center (issue 8: AZURE -> Azure Support). */
  productDesks?: Partial<Record<Product, ServiceRequestDesk>>;
  health: ServiceHealthFeed;
  customerName?: (customerId: string) => Promise<string | null>;
  /** Seals and opens the agents' stored sign-ins (the same vault the ticket service seals with). */
  assertions: AssertionVault;
  /** Worker and poller settings (from config: OUTBOX_* and SYNC_INTERVAL_MS). */
  settings: Config["escalation"];
  log: WorkerLog;
}): EscalationModule {
  const store = new EscalationStore(deps.dataSource, deps.assertions);
  const desks = new ServiceRequestDeskRouter({ ...deps.productDesks, default: deps.partnerCenterDesk });
  const worker = new EscalationOutboxWorker({
    store,
    tickets: deps.tickets,
    desks,
    retry: { maxAttempts: deps.settings.maxAttempts, baseDelayMs: deps.settings.retryBaseDelayMs, maxDelayMs: deps.settings.retryMaxDelayMs },
    leaseMs: deps.settings.leaseMs,
    log: deps.log,
    ...(deps.customerName ? { customerName: deps.customerName } : {}),
  });
  const poller = new EscalationSyncPoller({ store, tickets: deps.tickets, ticketStore: deps.ticketStore, desks, health: deps.health, log: deps.log });
  let running: RunningTasks | null = null;
  return {
    store,
    assertions: deps.assertions,
    worker,
    poller,
    start() {
      running ??= startPeriodicTasks(
        [
          { name: "escalation-outbox", intervalMs: deps.settings.pollIntervalMs, runOnce: () => worker.runOnce() },
          { name: "escalation-sync", intervalMs: deps.settings.syncIntervalMs, runOnce: () => poller.runOnce() },
          // Expired, no longer needed or unreadable sign-ins are deleted (issue 13).
          { name: "assertion-sweep", intervalMs: ASSERTION_SWEEP_INTERVAL_MS, runOnce: () => store.sweepAssertions(new Date()) },
        ],
        deps.log,
      );
    },
    async stop() {
      await running?.stop();
      running = null;
    },
  };
}
