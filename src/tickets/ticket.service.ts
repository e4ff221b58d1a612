import { createHash } from "node:crypto";
import {
  AGENT_EVENT_TYPES,
  applyTicketEvent,
  availableEventTypes,
  startTicket,
  TICKET_MACHINE_VERSION,
  VEHICLE_CATEGORIES,
  type EscalationChannel,
  type OpenTicketFacts,
  type Product,
  type Severity,
  type SupportVehicle,
  type TicketActor,
  type TicketCategory,
  type TicketEffect,
  type TicketEntry,
  type TicketEventType,
  type TicketMachineEvent,
  type TicketRefusal,
} from "../../machines";
import type { Agent } from "../auth/agent";
import { newRowId } from "../db/row-id";
import { mayRun } from "../auth/access-matrix";
import type { PartnerCustomer, SupportTopic } from "../cloud/cloud-types";
import type { VehicleEntitlement } from "../config";
import { AppError, badUserInput, ErrorCode, forbidden, isAppError, notFound, unreachable } from "../errors";
import type { AgentDirectory } from "./agent-directory";
import { canonicalJson } from "./audit-hash";
import { ticketContext } from "./ticket-read-model";
import { microsoftIncidentIdFor } from "../customers/incident-id";
import type { TicketChannel } from "./ticket-channel";
import { INPUT_LIMITS, optionalLabel, optionalText, requireId, requireLabel, requireText } from "./ticket-input.validation";
import { staleVersion } from "./stale-version.error";
import { KeyedWriteQueue, retryOnStaleVersion } from "./ticket-write-queue";
import { diagnosisNotesOf, readTicketNotes } from "./ticket-notes";
import { scopedIdempotencyKey } from "./idempotency-scope";
import { detailColumnsOf, fieldChangesOf, validDetailsRequest, type TicketDetailsRequest } from "./ticket-corrections";
import type { TicketStore } from "./ticket.store";
import type { AssertionChange, NewOutboxJob, SealedAssertion, StoredTicketEvent, TicketRecord } from "./ticket-store.types";

/** Refuses (FORBIDDEN) customers the partner holds no usable delegated access to. */
export interface DelegatedAccessGate {
  requireDelegatedAccess(customerId: string): Promise<void>;
}

/**
 * Seals an agent's access token for one ticket (escalation/assertion-vault.ts); null when there is
 * nothing usable to keep. The service stores the result with the accepted transition only.
 */
export interface AssertionSealer {
  seal(ticketId: string, agent: Agent, assertion: string | undefined): SealedAssertion | null;
}

/** Escalation commands whose agent the worker then acts for (App+User): their sign-in is kept. */
const SIGN_IN_EVENTS: ReadonlySet<string> = new Set(["ESCALATE", "RETRY_ESCALATION", "RESPOND_TO_MICROSOFT", "RECORD_SERVICE_REQUEST_NUMBER"]);
const ESCALATED = "escalated";

/** What the ticket service needs to know about a customer, answered per request. */
export interface CustomerGate extends DelegatedAccessGate {
  getCustomer(customerId: string): Promise<PartnerCustomer>;
}

export interface OpenTicketRequest {
  customerId: string;
  title: string;
  description: string;
  category: TicketCategory;
  product: Product;
  severity: Severity;
  /** Free text, as the API has always taken it; `channelKind` wins when both are given. */
  channel?: string | null;
  channelKind?: TicketChannel | null;
}

/** Builds the event from the ticket as loaded for this write (old values for ASSIGN / UPDATE_DETAILS). */
type EventOfTicket = (ticket: TicketRecord) => TicketMachineEvent;

/** The payload of an agent command, without the envelope (`at`, `actor`) the service adds. */
export type AgentCommand = DistributiveOmit<TicketMachineEvent, "at" | "actor">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Effects that a worker runs from the outbox; the others are declared for the audit trail only. */
const OUTBOX_EFFECTS: ReadonlySet<TicketEffect["type"]> = new Set(["FILE_SERVICE_REQUEST", "ADD_SERVICE_REQUEST_NOTE"]);

export interface SupportVehicleEntitlementValue {
  vehicle: SupportVehicle;
  entitled: boolean;
  categories: TicketCategory[];
  reference: string | null;
}

/**
 * The ticket application service: load -> run the pure machine -> persist the new snapshot, one
 * audit event and the outbox jobs in one transaction (TicketStore), with the optimistic version
 * check. It is the only writer of tickets.
 */
export class TicketService {
  private readonly clock: () => Date;
  private readonly transitionListeners = new Set<(event: StoredTicketEvent, ticket: TicketRecord) => void>();
  /** Serialises writes without `expectedVersion` per ticket (see `apply`). */
  private readonly writeQueue = new KeyedWriteQueue();

  constructor(
    private readonly deps: {
      store: TicketStore;
      entitlements: readonly VehicleEntitlement[];
      agents: AgentDirectory;
      clock?: () => Date;
      /** Which channel files a product's escalations (issue 8: AZURE may go to Azure Support); default Partner Center. */
      escalationChannel?: (product: Product) => EscalationChannel;
      /** Seals the escalating agent's sign-in for the outbox worker (absent: none is kept). */
      assertions?: AssertionSealer;
    },
  ) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Calls `listener` after every committed transition (OPEN included) with the stored audit event
   * and the ticket as of that event. A listener's throw is ignored: the transition is committed.
   * Returns the function that removes the listener.
   */
  onTransition(listener: (event: StoredTicketEvent, ticket: TicketRecord) => void): () => void {
    this.transitionListeners.add(listener);
    return () => {
      this.transitionListeners.delete(listener);
    };
  }

  private notifyTransition(event: StoredTicketEvent, ticket: TicketRecord): void {
    for (const listener of this.transitionListeners) {
      try {
        listener(event, ticket);
      } catch {
        // Observers (metrics, subscriptions) must never undo or fail a committed transition.
      }
    }
  }

  /** All four vehicles, with whether this partner may escalate through each (COMMERCIAL always). */
  supportVehicles(): SupportVehicleEntitlementValue[] {
    return (Object.keys(VEHICLE_CATEGORIES) as SupportVehicle[]).map((vehicle) => {
      const entitlement = this.deps.entitlements.find((item) => item.vehicle === vehicle);
      return {
        vehicle,
        entitled: vehicle === "COMMERCIAL" || entitlement !== undefined,
        categories: [...VEHICLE_CATEGORIES[vehicle]],
        reference: vehicle === "COMMERCIAL" ? null : (entitlement?.reference ?? null),
      };
    });
  }

  /**
   * Opens a ticket for a customer the partner holds delegated access to. An idempotency key is
   * the caller's own: it is scoped to the agent and the customer (another agent's key, or the same
   * key for another customer, is simply unknown). Access is checked first, exactly as for an
   * unknown key, so a replay after access ended is refused like a read. Within its scope, the same
   * key and input return the first ticket; the same key with other input is refused (README
   * "Idempotent ticket creation").
   */
  async openTicket(
    agent: Agent,
    input: OpenTicketRequest,
    idempotencyKey: string | null | undefined,
    customers: CustomerGate,
  ): Promise<TicketRecord> {
    this.requireWorker(agent);
    const request = {
      customerId: requireId("input.customerId", input.customerId),
      title: requireLabel("input.title", input.title, INPUT_LIMITS.title),
      description: requireText("input.description", input.description, INPUT_LIMITS.description),
      category: input.category,
      product: input.product,
      severity: input.severity,
      // The enum is stored under its own name, so the free-text field and the enum agree.
      channel: input.channelKind ?? optionalLabel("input.channel", input.channel, INPUT_LIMITS.channel),
    };
    const key =
      idempotencyKey == null ? null : scopedIdempotencyKey(agent.id, request.customerId, requireText("idempotencyKey", idempotencyKey, INPUT_LIMITS.idempotencyKey));
    const fingerprint = createHash("sha256").update(canonicalJson(request)).digest("hex");

    await customers.getCustomer(request.customerId);
    await customers.requireDelegatedAccess(request.customerId);
    if (key !== null) {
      const existing = await this.deps.store.findByIdempotencyKey(key);
      if (existing) return sameRequestOrRefuse(existing, fingerprint);
    }

    const now = this.clock();
    const facts: OpenTicketFacts = { ticketId: newRowId(), ...request, at: now.toISOString(), actor: actorOf(agent) };
    const started = startTicket(facts);
    const { at: _at, actor: _actor, ...payload } = facts;
    const result = await this.deps.store.createTicket(
      {
        id: facts.ticketId,
        ...request,
        state: started.statePath.split(".")[0]!,
        statePath: started.statePath,
        assigneeId: null,
        snapshot: started.snapshot,
        machineVersion: TICKET_MACHINE_VERSION,
        idempotencyKey: key,
        requestFingerprint: fingerprint,
        createdBy: agent.id,
        createdAt: now,
      },
      {
        type: "OPEN",
        fromState: "",
        toState: started.statePath,
        actor: facts.actor,
        payload: withoutUndefined(payload),
        at: now,
        machineVersion: TICKET_MACHINE_VERSION,
      },
    );
    if (result.outcome === "created") {
      this.notifyTransition(result.event, result.ticket);
      return result.ticket;
    }
    return sameRequestOrRefuse(result.ticket, fingerprint);
  }

  /**
   * Sends one agent command to a ticket. Refused commands change nothing and say why
   * (TRANSITION_NOT_ALLOWED with allowedEvents, VERSION_CONFLICT with currentVersion, ...).
   */
  async send(
    agent: Agent,
    ticketId: string,
    expectedVersion: number | undefined,
    command: AgentCommand,
    access?: DelegatedAccessGate,
    assertion?: string,
  ): Promise<TicketRecord> {
    this.requireWorker(agent);
    const prepared = this.prepareCommand(agent, command);
    const event = { ...prepared, at: this.clock().toISOString(), actor: actorOf(agent) } as TicketMachineEvent;
    return this.apply(ticketId, expectedVersion, event, access, { agent, assertion });
  }

  /**
   * Links a Microsoft incident after checking that the customer's tenant reports it. Takes
   * Microsoft's id (`ServiceIncident.incidentId`) or the API's per-customer `ServiceIncident.id`;
   * the ticket keeps Microsoft's id.
   */
  async linkIncident(
    agent: Agent,
    ticketId: string,
    expectedVersion: number | undefined,
    incidentId: string,
    incidentsOf: (customerId: string) => Promise<readonly { id: string }[]>,
    access?: DelegatedAccessGate,
  ): Promise<TicketRecord> {
    const given = requireId("incidentId", incidentId);
    const ticket = await this.ticketInScope(ticketId, access);
    const id = microsoftIncidentIdFor(ticket.customerId, given);
    if (id === null) throw badUserInput("incidentId", `Incident ${given} belongs to another customer than the ticket's`);
    const incidents = await incidentsOf(ticket.customerId);
    if (!incidents.some((incident) => incident.id === id)) {
      throw badUserInput("incidentId", `Incident ${id} is not reported for customer ${ticket.customerId}`);
    }
    return this.send(agent, ticketId, expectedVersion, { type: "LINK_INCIDENT", incidentId: id }, access);
  }

  /** Escalates after checking the support topic exists for the ticket's product. */
  async escalate(
    agent: Agent,
    ticketId: string,
    expectedVersion: number | undefined,
    input: { vehicle: SupportVehicle; supportTopicId: string; severity?: Severity | null; description?: string | null },
    supportTopics: () => Promise<readonly SupportTopic[]>,
    access?: DelegatedAccessGate,
    assertion?: string,
  ): Promise<TicketRecord> {
    this.requireWorker(agent);
    const topicId = requireId("input.supportTopicId", input.supportTopicId);
    const ticket = await this.ticketInScope(ticketId, access);
    const topic = (await supportTopics()).find((item) => item.id === topicId);
    if (!topic) throw badUserInput("input.supportTopicId", `Support topic ${topicId} does not exist`);
    const product = ticketContext(ticket).product;
    if (topic.product !== product && topic.product !== "OTHER") {
      throw badUserInput("input.supportTopicId", `Support topic ${topicId} is for ${topic.product}, not ${product}`);
    }
    return this.send(agent, ticketId, expectedVersion, {
      type: "ESCALATE",
      vehicle: input.vehicle,
      supportTopicId: topicId,
      severity: input.severity ?? null,
      description: input.description ?? null,
      entitledVehicles: [],
      ...(this.deps.escalationChannel ? { channel: this.deps.escalationChannel(product) } : {}),
    }, access, assertion);
  }

  /**
   * Hands the ticket to `assigneeId` (null: nobody), from whoever holds it now; the audit event
   * records both. The assignee must be a known agent whose role works tickets.
   */
  async assign(
    agent: Agent,
    ticketId: string,
    expectedVersion: number | undefined,
    assigneeId: string | null,
    access?: DelegatedAccessGate,
  ): Promise<TicketRecord> {
    this.requireWorker(agent);
    const to = assigneeId === null ? null : this.requireAssignable(agent, requireId("assigneeId", assigneeId)).id;
    const envelope = { at: this.clock().toISOString(), actor: actorOf(agent) };
    return this.apply(ticketId, expectedVersion, (ticket) => {
      const from = ticketContext(ticket).assigneeId;
      if (from === to) throw badUserInput("assigneeId", `The ticket is already assigned to ${to ?? "nobody"}`);
      return { type: "ASSIGN", assigneeId: to, previousAssigneeId: from, ...envelope };
    }, access);
  }

  /**
   * Corrects title, description, severity, product or category. Each changed field is recorded
   * with its old and new value in one UPDATE_DETAILS event; refused in final states like any event.
   */
  async updateDetails(
    agent: Agent,
    ticketId: string,
    expectedVersion: number | undefined,
    request: TicketDetailsRequest,
    access?: DelegatedAccessGate,
  ): Promise<TicketRecord> {
    this.requireWorker(agent);
    const wanted = validDetailsRequest(request);
    const envelope = { at: this.clock().toISOString(), actor: actorOf(agent) };
    return this.apply(ticketId, expectedVersion, (ticket) => {
      return { type: "UPDATE_DETAILS", changes: fieldChangesOf(ticketContext(ticket), wanted), ...envelope };
    }, access);
  }

  /** Applies an event made by a gateway component (its actor is `system:<component>`). */
  async applySystemEvent(ticketId: string, expectedVersion: number | undefined, event: TicketMachineEvent): Promise<TicketRecord> {
    if (!event.actor.id.startsWith("system:") || event.actor.role !== "SYSTEM") {
      throw new Error("System events must name their component as actor, e.g. system:escalation-sync");
    }
    return this.apply(ticketId, expectedVersion, event);
  }

  /** The ticket's diagnosis notes, oldest first, from its events (the snapshot only counts them). */
  async diagnosisNotes(ticketId: string): Promise<TicketEntry[]> {
    return diagnosisNotesOf(await readTicketNotes(this.deps.store, ticketId));
  }

  async getTicket(ticketId: string): Promise<TicketRecord> {
    const ticket = await this.deps.store.findById(requireId("id", ticketId));
    if (!ticket) throw notFound("Ticket", ticketId);
    return ticket;
  }

  /**
   * The ticket, if the caller may work it. A ticket of a customer outside the caller's delegated
   * access answers exactly like a missing one (NOT_FOUND), so ticket ids cannot be probed and the
   * customer's tenant id is not named.
   */
  private async ticketInScope(ticketId: string, access: DelegatedAccessGate | undefined, expectedVersion?: number): Promise<TicketRecord> {
    const ticket = await this.deps.store.findForWrite(requireId("id", ticketId), expectedVersion);
    if (!ticket) throw notFound("Ticket", ticketId);
    try {
      await access?.requireDelegatedAccess(ticket.customerId);
    } catch (error) {
      if (isAppError(error) && error.code === ErrorCode.FORBIDDEN) throw notFound("Ticket", ticketId);
      throw error;
    }
    return ticket;
  }

  /** The events the agent may send now: none for roles that do not work tickets. */
  availableEvents(ticket: { readonly snapshot: unknown }, agent: Agent): TicketEventType[] {
    if (!mayRun(agent.role, "Mutation.ticket")) return [];
    const agentEvents: ReadonlySet<string> = new Set(AGENT_EVENT_TYPES);
    return availableEventTypes(ticket.snapshot as never).filter((type) => type !== "OPEN" && agentEvents.has(type));
  }

  /** The agent named as assignee: the caller, or one the directory knows, whose role works tickets. */
  private requireAssignable(caller: Agent, assigneeId: string): Agent {
    const assignee = assigneeId === caller.id ? caller : this.deps.agents.find(assigneeId);
    if (!assignee) throw badUserInput("assigneeId", `No agent ${assigneeId} is known to the gateway`);
    if (!mayRun(assignee.role, "Mutation.ticket")) {
      throw badUserInput("assigneeId", `Agent ${assigneeId} has role ${assignee.role}, which does not work tickets`);
    }
    return assignee;
  }

  private requireWorker(agent: Agent): void {
    if (!mayRun(agent.role, "Mutation.ticket")) throw forbidden(`Role ${agent.role} may not change tickets`);
  }

  /** Validates the agent's input and adds what only the service knows (entitlements, assignee). */
  private prepareCommand(agent: Agent, command: AgentCommand): AgentCommand {
    switch (command.type) {
      case "START_DIAGNOSIS": {
        const assigneeId = command.assigneeId == null ? agent.id : requireId("assigneeId", command.assigneeId);
        return { type: "START_DIAGNOSIS", assigneeId: this.requireAssignable(agent, assigneeId).id };
      }
      case "ADD_DIAGNOSIS_NOTE":
      case "RESPOND_TO_MICROSOFT":
        return { type: command.type, note: requireText("note", command.note, INPUT_LIMITS.note) };
      case "REQUEST_CUSTOMER_INFO":
        return { type: command.type, question: requireText("question", command.question, INPUT_LIMITS.note) };
      case "RECORD_CUSTOMER_REPLY":
        return { type: command.type, reply: requireText("reply", command.reply, INPUT_LIMITS.note) };
      case "PROPOSE_RESOLUTION":
        return { type: command.type, summary: requireText("summary", command.summary, INPUT_LIMITS.note) };
      case "REJECT_RESOLUTION":
      case "REOPEN":
      case "CANCEL":
        return { type: command.type, reason: requireText("reason", command.reason, INPUT_LIMITS.note) };
      case "LINK_INCIDENT":
        return { type: command.type, incidentId: requireId("incidentId", command.incidentId) };
      case "RECORD_SERVICE_REQUEST_NUMBER": {
        const serviceRequestId = requireText("serviceRequestId", command.serviceRequestId, 32);
        if (!/^\d{6,32}$/.test(serviceRequestId)) {
          throw badUserInput("serviceRequestId", "serviceRequestId must be Microsoft's numeric service request number");
        }
        return { type: command.type, serviceRequestId };
      }
      case "ESCALATE":
        return {
          type: command.type,
          vehicle: command.vehicle,
          supportTopicId: requireId("input.supportTopicId", command.supportTopicId),
          severity: command.severity ?? null,
          description: optionalText("input.description", command.description, INPUT_LIMITS.description),
          channel: command.channel ?? null,
          entitledVehicles: this.supportVehicles()
            .filter((item) => item.entitled)
            .map((item) => item.vehicle),
        };
      case "CONFIRM_RESOLUTION":
      case "RETRY_ESCALATION":
      case "CLOSE":
        return { type: command.type };
      case "ASSIGN":
      case "UPDATE_DETAILS":
        // They need the ticket's current values: `assign` and `updateDetails` build them.
        throw badUserInput("type", `${command.type} is sent through assign / updateDetails`);
      default:
        throw badUserInput("type", `${command.type} is not an agent command`);
    }
  }

  /**
   * With `expectedVersion` the caller asked for optimistic concurrency: a moved-on ticket answers
   * VERSION_CONFLICT. Without it, writes to one ticket are serialised in this process and a race lost
   * to another instance is retried on the reloaded ticket (bounded), so the machine judges the event
   * against the current state and a refusal is the machine's own.
   */
  private async apply(
    ticketId: string,
    expectedVersion: number | undefined,
    event: TicketMachineEvent | EventOfTicket,
    access?: DelegatedAccessGate,
    signIn?: { agent: Agent; assertion: string | undefined },
  ): Promise<TicketRecord> {
    if (expectedVersion !== undefined) return this.applyOnce(ticketId, expectedVersion, event, access, signIn);
    return this.writeQueue.run(ticketId, () =>
      retryOnStaleVersion(() => this.applyOnce(ticketId, undefined, event, access, signIn)),
    );
  }

  private async applyOnce(
    ticketId: string,
    expectedVersion: number | undefined,
    eventOrBuilder: TicketMachineEvent | EventOfTicket,
    access?: DelegatedAccessGate,
    signIn?: { agent: Agent; assertion: string | undefined },
  ): Promise<TicketRecord> {
    // An agent works only tickets of customers the partner still holds delegated access to.
    const ticket = await this.ticketInScope(ticketId, access, expectedVersion);
    if (expectedVersion !== undefined && expectedVersion !== ticket.version) {
      throw staleVersion(ticket.id, ticket.version, expectedVersion);
    }
    // Built from the ticket this write is checked against, so old values in the event are its own.
    const event = typeof eventOrBuilder === "function" ? eventOrBuilder(ticket) : eventOrBuilder;
    const outcome = applyTicketEvent(ticket.snapshot as never, event);
    if (!outcome.ok) {
      // The ticket may be this instance's copy of its last write: a ticket another writer moved on
      // answers VERSION_CONFLICT, as it would have from a read, not the machine's refusal.
      const current = await this.getTicket(ticket.id);
      if (current.version !== ticket.version) throw staleVersion(ticket.id, current.version, ticket.version);
      throw refusalError(outcome.refusal);
    }

    const { type, at, actor, ...payload } = event;
    const newVersion = ticket.version + 1;
    const outbox: NewOutboxJob[] = outcome.effects
      .filter((effect) => OUTBOX_EFFECTS.has(effect.type))
      .map((effect, index) => ({
        kind: effect.type,
        idempotencyKey: `${ticket.id}:${newVersion}:${effect.type}:${index}`,
        payload: withoutUndefined({ ...effect }),
        nextAttemptAt: new Date(at),
      }));
    const { ticket: updated, event: stored } = await this.deps.store.appendTransition({
      ticketId: ticket.id,
      expectedVersion: ticket.version,
      changes: {
        snapshot: outcome.snapshot,
        state: outcome.statePath.split(".")[0]!,
        statePath: outcome.statePath,
        ...detailColumnsOf(event),
        machineVersion: TICKET_MACHINE_VERSION,
        updatedAt: new Date(at),
      },
      event: {
        type,
        fromState: outcome.fromPath,
        toState: outcome.statePath,
        actor,
        payload: withoutUndefined(payload),
        at: new Date(at),
        machineVersion: TICKET_MACHINE_VERSION,
      },
      outbox,
      assertion: assertionChangeOf(this.deps.assertions, ticket.id, outcome.fromPath, outcome.statePath, type, at, signIn),
      loaded: ticket,
    });
    this.notifyTransition(stored, updated);
    return updated;
  }
}

/**
 * The stored sign-in after an accepted transition: the escalating agent's (sealed) for the commands
 * the worker then acts on, removed once the ticket leaves `escalated` (nothing is filed or synced any
 * more). Refused commands never get here, so they never touch it.
 */
function assertionChangeOf(
  sealer: AssertionSealer | undefined,
  ticketId: string,
  fromPath: string,
  toPath: string,
  type: string,
  at: string,
  signIn: { agent: Agent; assertion: string | undefined } | undefined,
): AssertionChange | undefined {
  const topLevel = (path: string) => path.split(".")[0];
  if (topLevel(toPath) !== ESCALATED) return topLevel(fromPath) === ESCALATED ? { kind: "drop" } : undefined;
  if (!signIn || !sealer || !SIGN_IN_EVENTS.has(type)) return undefined;
  const sealed = sealer.seal(ticketId, signIn.agent, signIn.assertion);
  return sealed === null ? undefined : { kind: "keep", at: new Date(at), ...sealed };
}

function actorOf(agent: Agent): TicketActor {
  return { id: agent.id, displayName: agent.displayName, role: agent.role };
}

function sameRequestOrRefuse(existing: TicketRecord, fingerprint: string): TicketRecord {
  if (existing.requestFingerprint === fingerprint) return existing;
  throw badUserInput("idempotencyKey", "This idempotency key was already used for a different ticket request");
}

/** Maps the machine's typed refusal to the API's error codes. */
export function refusalError(refusal: TicketRefusal): AppError {
  const details = { state: refusal.state, allowedEvents: refusal.allowedEvents, reason: refusal.code };
  switch (refusal.code) {
    case "VEHICLE_NOT_ENTITLED":
      return new AppError(ErrorCode.FORBIDDEN, refusal.message, { ...details, field: "input.vehicle" });
    case "VEHICLE_NOT_FOR_CATEGORY":
      return new AppError(ErrorCode.BAD_USER_INPUT, refusal.message, { ...details, field: "input.vehicle" });
    case "INVALID_PAYLOAD":
      return new AppError(ErrorCode.BAD_USER_INPUT, refusal.message, { ...details, field: refusal.field ?? "input" });
    case "INCIDENT_ALREADY_LINKED":
      return new AppError(ErrorCode.BAD_USER_INPUT, refusal.message, { ...details, field: "incidentId" });
    case "TRANSITION_NOT_ALLOWED":
    case "NO_DIAGNOSIS_NOTE":
    case "INCIDENT_NOT_OPEN":
    case "STALE_DETAILS":
      return new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, refusal.message, details);
    default:
      return unreachable(refusal.code);
  }
}

/** JSON has no `undefined`: drop such keys so the stored payload and its hash are canonical. */
function withoutUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

