import type { ServiceHealthFeed } from "../cloud/ports";
import type { ServiceRequestRecord } from "../cloud/service-request.types";
import type { TicketService } from "../tickets/ticket.service";
import type { TicketStore } from "../tickets/ticket.store";
import type { TicketRecord } from "../tickets/ticket-store.types";
import { ticketContext } from "../tickets/ticket-read-model";
import { applySystemEvent } from "./apply-system-event";
import { SYNC_ACTOR } from "./escalation-actors";
import type { EscalationStore } from "./escalation.store";
import { ADD_SERVICE_REQUEST_NOTE, type WorkerLog } from "./escalation-outbox.worker";
import type { ServiceRequestDeskRouter } from "./service-request-desk.router";
import { messageOf } from "../errors";

const SYNCED_STATES = ["escalated.withMicrosoft", "escalated.actionRequired"];
/** Top-level states where a linked incident may still be resolved upstream (machine: LINKED_INCIDENT_RESOLVED). */
const INCIDENT_WATCH_STATES = ["diagnosis", "awaitingCustomer", "resolution", "escalated", "resolved"];
const MAX_TICKETS_PER_RUN = 1000;

export interface SyncPollerOptions {
  store: EscalationStore;
  tickets: TicketService;
  ticketStore: TicketStore;
  desks: ServiceRequestDeskRouter;
  health: ServiceHealthFeed;
  log: WorkerLog;
  clock?: () => Date;
}

const squash = (text: string): string => text.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * The latest note written by Microsoft, if any. Partner Center names a note's author only by
 * display name, so a note whose text is one the desk sent (`sentTexts`) is never Microsoft's,
 * whatever name it carries.
 */
export function latestMicrosoftNote(request: ServiceRequestRecord, sentTexts: readonly string[] = []): string | null {
  const ours = new Set(sentTexts.map(squash));
  const notes = request.notes.filter((note) => note.author === "MICROSOFT" && !ours.has(squash(note.text)));
  return notes[notes.length - 1]?.text ?? null;
}

/** What the desk sent Microsoft on a ticket's request: its answers (the filed description is checked by the desk). */
const answersToMicrosoft = (ticket: TicketRecord) =>
  (ticketContext(ticket).escalation?.exchanges ?? []).filter((exchange) => exchange.direction === "TO_MICROSOFT");
const sentToMicrosoft = (ticket: TicketRecord): string[] => answersToMicrosoft(ticket).map((exchange) => exchange.text);

/**
 * Keeps escalated tickets in step with their service requests: `attention_needed` ->
 * MICROSOFT_ACTION_REQUIRED, `closed` -> MICROSOFT_CLOSED (Microsoft's last note as the proposed
 * resolution), and linked incidents resolved upstream -> LINKED_INCIDENT_RESOLVED, all as
 * `system:escalation-sync`. A second run with nothing new upstream changes no ticket.
 */
export class EscalationSyncPoller {
  private readonly clock: () => Date;

  constructor(private readonly options: SyncPollerOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async runOnce(): Promise<{ synced: number; events: number }> {
    const requests = await this.syncServiceRequests();
    const incidents = await this.watchLinkedIncidents();
    return { synced: requests.synced, events: requests.events + incidents };
  }

  private async syncServiceRequests(): Promise<{ synced: number; events: number }> {
    const { ticketStore, store, desks, log } = this.options;
    const page = await ticketStore.listTickets({ statePaths: SYNCED_STATES }, { first: MAX_TICKETS_PER_RUN });
    let synced = 0;
    let events = 0;
    for (const { node: ticket } of page.items) {
      const context = ticketContext(ticket);
      const serviceRequestId = context.escalation?.serviceRequestId;
      if (!serviceRequestId) continue;
      const now = this.clock();
      const assertion = (await store.assertionFor(ticket.id)) ?? null;
      const usable = assertion && assertion.expiresAt > now ? assertion : await store.newestValidAssertion(now);
      if (!usable) {
        await store.recordSync(ticket.id, serviceRequestId, "UNKNOWN", "No signed-in agent to read the service request on behalf of", now);
        continue;
      }
      try {
        const request = await desks.deskFor(context.product).get(serviceRequestId, { assertion: usable.assertion });
        if (await this.apply(ticket, request)) events++;
        await store.recordSync(ticket.id, serviceRequestId, request.status, null, this.clock());
        synced++;
      } catch (error) {
        const message = messageOf(error);
        log.warn({ ticketId: ticket.id, serviceRequestId, error: message }, "service request sync failed");
        await store.recordSync(ticket.id, serviceRequestId, "UNKNOWN", message, this.clock());
      }
    }
    return { synced, events };
  }

  /** Turns one upstream status into at most one machine event. */
  private async apply(ticket: TicketRecord, request: ServiceRequestRecord): Promise<boolean> {
    const { tickets, store } = this.options;
    if (request.status === "CLOSED") {
      const outcome = await applySystemEvent(tickets, ticket.id, (current) =>
        SYNCED_STATES.includes(current.statePath)
          ? { type: "MICROSOFT_CLOSED", microsoftNote: latestMicrosoftNote(request, sentToMicrosoft(ticket)), at: this.clock().toISOString(), actor: SYNC_ACTOR }
          : null,
      );
      return outcome === "applied";
    }
    if (request.status !== "ATTENTION_NEEDED" || ticket.statePath !== "escalated.withMicrosoft") return false;
    // Our answer is on its way or newer than Microsoft's request: not a new request for action.
    if (await store.hasPendingJob(ticket.id, ADD_SERVICE_REQUEST_NOTE)) return false;
    const lastAnswer = answersToMicrosoft(ticket).at(-1);
    if (lastAnswer && request.lastUpdatedAt && new Date(lastAnswer.at) >= request.lastUpdatedAt) return false;
    const outcome = await applySystemEvent(tickets, ticket.id, (current) =>
      current.statePath === "escalated.withMicrosoft" && current.version === ticket.version
        ? { type: "MICROSOFT_ACTION_REQUIRED", microsoftNote: latestMicrosoftNote(request, sentToMicrosoft(ticket)), at: this.clock().toISOString(), actor: SYNC_ACTOR }
        : null,
    );
    return outcome === "applied";
  }

  /** Records LINKED_INCIDENT_RESOLVED for linked incidents Microsoft resolved; one health read per customer. */
  private async watchLinkedIncidents(): Promise<number> {
    const { ticketStore, tickets, health, log } = this.options;
    const page = await ticketStore.listTickets({ states: INCIDENT_WATCH_STATES }, { first: MAX_TICKETS_PER_RUN });
    const byCustomer = new Map<string, { ticketId: string; incidentIds: string[] }[]>();
    for (const { node: ticket } of page.items) {
      const context = ticketContext(ticket);
      const open = context.linkedIncidentIds.filter((id) => !context.resolvedIncidentIds.includes(id));
      if (open.length === 0) continue;
      const list = byCustomer.get(ticket.customerId) ?? [];
      list.push({ ticketId: ticket.id, incidentIds: open });
      byCustomer.set(ticket.customerId, list);
    }
    let events = 0;
    for (const [customerId, watched] of byCustomer) {
      let resolved: Set<string>;
      try {
        const tenant = await health.getTenantHealth(customerId);
        resolved = new Set(tenant.incidents.filter((incident) => incident.isResolved).map((incident) => incident.id));
      } catch (error) {
        log.warn({ customerId, error: messageOf(error) }, "incident watch failed");
        continue;
      }
      for (const { ticketId, incidentIds } of watched) {
        for (const incidentId of incidentIds.filter((id) => resolved.has(id))) {
          const outcome = await applySystemEvent(tickets, ticketId, (current) =>
            ticketContext(current).resolvedIncidentIds.includes(incidentId)
              ? null
              : { type: "LINKED_INCIDENT_RESOLVED", incidentId, at: this.clock().toISOString(), actor: SYNC_ACTOR },
          );
          if (outcome === "applied") events++;
        }
      }
    }
    return events;
  }
}
