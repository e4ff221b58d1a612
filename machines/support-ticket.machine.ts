import { assertEvent, assign, setup } from "xstate";
import type { TicketContext, TicketEntry, TicketEscalation } from "./ticket-context.types";
import type {
  AddServiceRequestNoteEffect,
  CustomerNotice,
  FileServiceRequestEffect,
  NotifyCustomerEffect,
  PrepareCasePacketEffect,
} from "./ticket-effect.types";
import type { OpenTicketFacts, TicketMachineEvent } from "./ticket-event.types";
import {
  addServiceRequestNoteEffect,
  fileServiceRequestEffect,
  notifyCustomerEffect,
  prepareCasePacketEffect,
} from "./ticket-effects";
import { TICKET_GUARD_RULES } from "./ticket.guards";

/**
 * Version of the machine definition. Every stored snapshot and audit event records it; bump it
 * whenever states, events, guards or context change shape, so old histories are replayed knowingly.
 */
export const TICKET_MACHINE_VERSION = 1;

/** The machine's id, also the prefix of absolute state targets (`#supportTicket.resolution`). */
export const TICKET_MACHINE_ID = "supportTicket";

function entryOf(event: { at: string; actor: TicketEntry["actor"] }, text: string): TicketEntry {
  return { text, at: event.at, actor: event.actor };
}

function escalationOf(context: TicketContext): TicketEscalation {
  if (context.escalation === null) throw new Error(`Ticket ${context.ticketId} has no escalation`);
  return context.escalation;
}

function withEscalation(context: TicketContext, patch: Partial<TicketEscalation>): TicketEscalation {
  return { ...escalationOf(context), ...patch };
}

/** The initial context: the OPEN facts, nothing else known yet. */
/**
 * A ticket machine starts only from OPEN facts. XState's pure `transition()` builds a throwaway
 * actor per call, and that actor computes an initial snapshot without input; one error made once
 * answers it, instead of a TypeError and its stack trace per transition.
 */
const MISSING_OPEN_FACTS = new Error("A ticket machine starts from OPEN facts (its input)");

export function initialTicketContext(facts: OpenTicketFacts): TicketContext {
  return {
    ticketId: facts.ticketId,
    customerId: facts.customerId,
    title: facts.title,
    description: facts.description,
    category: facts.category,
    product: facts.product,
    severity: facts.severity,
    channel: facts.channel ?? null,
    openedAt: facts.at,
    openedBy: facts.actor,
    updatedAt: facts.at,
    assigneeId: null,
    diagnosisNoteCount: 0,
    linkedIncidentIds: [],
    resolvedIncidentIds: [],
    customerExchangeCount: 0,
    lastCustomerQuestion: null,
    resolutionProposal: null,
    lastRejection: null,
    escalation: null,
    escalationCount: 0,
    resolvedAt: null,
    closedAt: null,
    cancellation: null,
    reopenCount: 0,
    lastReopen: null,
    visitedStates: [],
  };
}

const notify = (notice: CustomerNotice) =>
  ({
    type: "notifyCustomer",
    params: ({ context }: { context: TicketContext }) => notifyCustomerEffect(context, notice),
  }) as const;

const visit = (state: string) => ({ type: "markVisited", params: { state } }) as const;

/**
 * What an agent may do in every state that is not final, besides the state's own transitions:
 * internal notes, (re)assignment and corrections of the opening facts. Self-transitions: the
 * state does not change. Declared per state (not on the root) so the workflow, the diagram and
 * `availableEventTypes` list them like every other transition.
 */
const WORKING_TRANSITIONS = {
  ADD_DIAGNOSIS_NOTE: { guard: "validEvent", actions: "addDiagnosisNote" },
  ASSIGN: { guard: "detailsCurrent", actions: "reassign" },
  UPDATE_DETAILS: { guard: "detailsCurrent", actions: "correctDetails" },
} as const;

/**
 * The support ticket workflow (ARCHITECTURE.md "The ticket workflow"). Pure: time and ids come in
 * with events, guards judge only context and event, and side effects are declared actions whose
 * params are the effect data (see `TicketEffect`); the ticket service persists and runs them.
 */
export const supportTicketMachine = setup({
  types: {} as {
    context: TicketContext;
    events: TicketMachineEvent;
    input: OpenTicketFacts;
  },
  guards: {
    validEvent: ({ context, event }) => TICKET_GUARD_RULES.validEvent(context, event) === null,
    escalationAllowed: ({ context, event }) => TICKET_GUARD_RULES.escalationAllowed(context, event) === null,
    incidentLinkable: ({ context, event }) => TICKET_GUARD_RULES.incidentLinkable(context, event) === null,
    linkedIncidentOpen: ({ context, event }) => TICKET_GUARD_RULES.linkedIncidentOpen(context, event) === null,
    detailsCurrent: ({ context, event }) => TICKET_GUARD_RULES.detailsCurrent(context, event) === null,
  },
  actions: {
    // Declared effects: no-ops here, collected as data by the runner (ticket-snapshot.ts).
    fileServiceRequest: (_args, _effect: FileServiceRequestEffect) => {},
    prepareCasePacket: (_args, _effect: PrepareCasePacketEffect) => {},
    addServiceRequestNote: (_args, _effect: AddServiceRequestNoteEffect) => {},
    notifyCustomer: (_args, _effect: NotifyCustomerEffect) => {},

    markVisited: assign(({ context }, params: { state: string }) => ({
      visitedStates: context.visitedStates.includes(params.state)
        ? context.visitedStates
        : [...context.visitedStates, params.state],
    })),
    assignAgent: assign(({ event }) => {
      assertEvent(event, "START_DIAGNOSIS");
      return { assigneeId: event.assigneeId ?? event.actor.id, updatedAt: event.at };
    }),
    reassign: assign(({ event }) => {
      assertEvent(event, "ASSIGN");
      return { assigneeId: event.assigneeId, updatedAt: event.at };
    }),
    correctDetails: assign(({ event }) => {
      assertEvent(event, "UPDATE_DETAILS");
      return { ...Object.fromEntries(event.changes.map((change) => [change.field, change.to])), updatedAt: event.at };
    }),
    // The note's text stays in its event (the audit trail); the context only counts notes.
    addDiagnosisNote: assign(({ context, event }) => {
      assertEvent(event, "ADD_DIAGNOSIS_NOTE");
      return { diagnosisNoteCount: context.diagnosisNoteCount + 1, updatedAt: event.at };
    }),
    linkIncident: assign(({ context, event }) => {
      assertEvent(event, "LINK_INCIDENT");
      return { linkedIncidentIds: [...context.linkedIncidentIds, event.incidentId], updatedAt: event.at };
    }),
    recordIncidentResolved: assign(({ context, event }) => {
      assertEvent(event, "LINKED_INCIDENT_RESOLVED");
      return { resolvedIncidentIds: [...context.resolvedIncidentIds, event.incidentId], updatedAt: event.at };
    }),
    recordQuestion: assign(({ context, event }) => {
      assertEvent(event, "REQUEST_CUSTOMER_INFO");
      return {
        customerExchangeCount: context.customerExchangeCount + 1,
        lastCustomerQuestion: entryOf(event, event.question),
        updatedAt: event.at,
      };
    }),
    recordReply: assign(({ context, event }) => {
      assertEvent(event, "RECORD_CUSTOMER_REPLY");
      return { customerExchangeCount: context.customerExchangeCount + 1, updatedAt: event.at };
    }),
    recordProposal: assign(({ event }) => {
      assertEvent(event, "PROPOSE_RESOLUTION");
      return {
        resolutionProposal: { summary: event.summary, source: "PARTNER" as const, at: event.at, actor: event.actor },
        updatedAt: event.at,
      };
    }),
    recordConfirmation: assign(({ event }) => {
      assertEvent(event, "CONFIRM_RESOLUTION");
      return { resolvedAt: event.at, updatedAt: event.at };
    }),
    recordRejection: assign(({ event }) => {
      assertEvent(event, "REJECT_RESOLUTION");
      return { lastRejection: entryOf(event, event.reason), resolutionProposal: null, updatedAt: event.at };
    }),
    beginEscalation: assign(({ context, event }) => {
      assertEvent(event, "ESCALATE");
      const escalationCount = context.escalationCount + 1;
      const escalation: TicketEscalation = {
        vehicle: event.vehicle,
        supportTopicId: event.supportTopicId,
        severity: event.severity ?? context.severity,
        description: event.description ?? context.description,
        channel: event.channel ?? "PARTNER_CENTER",
        idempotencyKey: `${context.ticketId}:escalation:${escalationCount}`,
        filingAttempt: 1,
        serviceRequestId: null,
        serviceRequestStatus: "NONE",
        requestedAt: event.at,
        requestedBy: event.actor,
        filedAt: null,
        lastError: null,
        casePacketRequired: false,
        portalFilingReason: null,
        lastSyncedAt: null,
        exchanges: [],
      };
      return { escalation, escalationCount, resolutionProposal: null, updatedAt: event.at };
    }),
    recordFiled: assign(({ context, event }) => {
      assertEvent(event, "MARK_FILED");
      return {
        escalation: withEscalation(context, {
          serviceRequestId: event.serviceRequestId,
          serviceRequestStatus: "OPEN",
          filedAt: event.at,
          lastError: null,
          lastSyncedAt: event.at,
        }),
        updatedAt: event.at,
      };
    }),
    requirePortalFiling: assign(({ context, event }) => {
      assertEvent(event, "REQUIRE_PORTAL_FILING");
      return {
        escalation: withEscalation(context, {
          channel: "PORTAL",
          casePacketRequired: true,
          portalFilingReason: event.reason ?? null,
        }),
        updatedAt: event.at,
      };
    }),
    recordServiceRequestNumber: assign(({ context, event }) => {
      assertEvent(event, "RECORD_SERVICE_REQUEST_NUMBER");
      return {
        escalation: withEscalation(context, {
          serviceRequestId: event.serviceRequestId,
          serviceRequestStatus: "OPEN",
          filedAt: event.at,
          casePacketRequired: false,
        }),
        updatedAt: event.at,
      };
    }),
    recordFilingFailed: assign(({ context, event }) => {
      assertEvent(event, "MARK_FILING_FAILED");
      return { escalation: withEscalation(context, { lastError: event.error }), updatedAt: event.at };
    }),
    beginRetry: assign(({ context, event }) => {
      assertEvent(event, "RETRY_ESCALATION");
      const escalation = escalationOf(context);
      return {
        escalation: { ...escalation, filingAttempt: escalation.filingAttempt + 1 },
        updatedAt: event.at,
      };
    }),
    recordMicrosoftActionRequired: assign(({ context, event }) => {
      assertEvent(event, "MICROSOFT_ACTION_REQUIRED");
      const escalation = escalationOf(context);
      const exchanges = event.microsoftNote
        ? [...escalation.exchanges, { direction: "FROM_MICROSOFT" as const, text: event.microsoftNote, at: event.at }]
        : escalation.exchanges;
      return {
        escalation: { ...escalation, serviceRequestStatus: "ATTENTION_NEEDED" as const, exchanges, lastSyncedAt: event.at },
        updatedAt: event.at,
      };
    }),
    recordResponseToMicrosoft: assign(({ context, event }) => {
      assertEvent(event, "RESPOND_TO_MICROSOFT");
      const escalation = escalationOf(context);
      const exchanges = [...escalation.exchanges, { direction: "TO_MICROSOFT" as const, text: event.note, at: event.at }];
      return { escalation: { ...escalation, serviceRequestStatus: "OPEN" as const, exchanges }, updatedAt: event.at };
    }),
    recordMicrosoftClosed: assign(({ context, event }) => {
      assertEvent(event, "MICROSOFT_CLOSED");
      const escalation = escalationOf(context);
      const exchanges = event.microsoftNote
        ? [...escalation.exchanges, { direction: "FROM_MICROSOFT" as const, text: event.microsoftNote, at: event.at }]
        : escalation.exchanges;
      const summary = event.microsoftNote || `Microsoft closed service request ${escalation.serviceRequestId ?? ""}`.trim();
      return {
        escalation: { ...escalation, serviceRequestStatus: "CLOSED" as const, exchanges, lastSyncedAt: event.at },
        resolutionProposal: { summary, source: "MICROSOFT" as const, at: event.at, actor: event.actor },
        updatedAt: event.at,
      };
    }),
    recordClosed: assign(({ event }) => {
      assertEvent(event, "CLOSE");
      return { closedAt: event.at, updatedAt: event.at };
    }),
    recordReopen: assign(({ context, event }) => {
      assertEvent(event, "REOPEN");
      return {
        reopenCount: context.reopenCount + 1,
        lastReopen: entryOf(event, event.reason),
        resolvedAt: null,
        resolutionProposal: null,
        updatedAt: event.at,
      };
    }),
    recordCancellation: assign(({ event }) => {
      assertEvent(event, "CANCEL");
      return { cancellation: entryOf(event, event.reason), updatedAt: event.at };
    }),
  },
}).createMachine({
  id: TICKET_MACHINE_ID,
  context: ({ input }) => {
    if (input === undefined) throw MISSING_OPEN_FACTS;
    return initialTicketContext(input);
  },
  initial: "intake",
  states: {
    intake: {
      entry: [visit("intake"), notify("TICKET_RECEIVED")],
      on: {
        ...WORKING_TRANSITIONS,
        START_DIAGNOSIS: { guard: "validEvent", target: "diagnosis", actions: "assignAgent" },
        CANCEL: {
          guard: "validEvent",
          target: "cancelled",
          actions: ["recordCancellation", notify("TICKET_CANCELLED")],
        },
      },
    },
    diagnosis: {
      entry: visit("diagnosis"),
      on: {
        ...WORKING_TRANSITIONS,
        LINK_INCIDENT: { guard: "incidentLinkable", actions: "linkIncident" },
        LINKED_INCIDENT_RESOLVED: { guard: "linkedIncidentOpen", actions: "recordIncidentResolved" },
        REQUEST_CUSTOMER_INFO: {
          guard: "validEvent",
          target: "awaitingCustomer",
          actions: ["recordQuestion", notify("INFORMATION_REQUESTED")],
        },
        PROPOSE_RESOLUTION: {
          guard: "validEvent",
          target: "resolution",
          actions: ["recordProposal", notify("RESOLUTION_PROPOSED")],
        },
        ESCALATE: {
          guard: "escalationAllowed",
          target: "escalated",
          actions: ["beginEscalation", notify("ESCALATED_TO_MICROSOFT")],
        },
        CANCEL: {
          guard: "validEvent",
          target: "cancelled",
          actions: ["recordCancellation", notify("TICKET_CANCELLED")],
        },
      },
    },
    awaitingCustomer: {
      entry: visit("awaitingCustomer"),
      on: {
        ...WORKING_TRANSITIONS,
        RECORD_CUSTOMER_REPLY: { guard: "validEvent", target: "diagnosis", actions: "recordReply" },
        LINKED_INCIDENT_RESOLVED: { guard: "linkedIncidentOpen", actions: "recordIncidentResolved" },
        CANCEL: {
          guard: "validEvent",
          target: "cancelled",
          actions: ["recordCancellation", notify("TICKET_CANCELLED")],
        },
      },
    },
    resolution: {
      entry: visit("resolution"),
      on: {
        ...WORKING_TRANSITIONS,
        CONFIRM_RESOLUTION: {
          guard: "validEvent",
          target: "resolved",
          actions: ["recordConfirmation", notify("TICKET_RESOLVED")],
        },
        REJECT_RESOLUTION: { guard: "validEvent", target: "diagnosis", actions: "recordRejection" },
        LINKED_INCIDENT_RESOLVED: { guard: "linkedIncidentOpen", actions: "recordIncidentResolved" },
      },
    },
    escalated: {
      entry: visit("escalated"),
      initial: "filing",
      on: {
        ...WORKING_TRANSITIONS,
        LINKED_INCIDENT_RESOLVED: { guard: "linkedIncidentOpen", actions: "recordIncidentResolved" },
      },
      states: {
        filing: {
          // Entered on ESCALATE and on RETRY_ESCALATION: each entry files (same idempotency key).
          entry: [
            visit("escalated.filing"),
            { type: "fileServiceRequest", params: ({ context }) => fileServiceRequestEffect(context) },
          ],
          on: {
            MARK_FILED: { guard: "validEvent", target: "withMicrosoft", actions: "recordFiled" },
            REQUIRE_PORTAL_FILING: {
              guard: "validEvent",
              target: "awaitingPortalFiling",
              actions: [
                "requirePortalFiling",
                { type: "prepareCasePacket", params: ({ context }) => prepareCasePacketEffect(context) },
              ],
            },
            MARK_FILING_FAILED: { guard: "validEvent", target: "filingFailed", actions: "recordFilingFailed" },
          },
        },
        awaitingPortalFiling: {
          entry: visit("escalated.awaitingPortalFiling"),
          on: {
            RECORD_SERVICE_REQUEST_NUMBER: {
              guard: "validEvent",
              target: "withMicrosoft",
              actions: "recordServiceRequestNumber",
            },
          },
        },
        withMicrosoft: {
          entry: visit("escalated.withMicrosoft"),
          on: {
            MICROSOFT_ACTION_REQUIRED: {
              guard: "validEvent",
              target: "actionRequired",
              actions: "recordMicrosoftActionRequired",
            },
            MICROSOFT_CLOSED: {
              guard: "validEvent",
              target: `#${TICKET_MACHINE_ID}.resolution`,
              actions: ["recordMicrosoftClosed", notify("RESOLUTION_PROPOSED")],
            },
          },
        },
        actionRequired: {
          entry: visit("escalated.actionRequired"),
          on: {
            RESPOND_TO_MICROSOFT: {
              guard: "validEvent",
              target: "withMicrosoft",
              actions: [
                "recordResponseToMicrosoft",
                { type: "addServiceRequestNote", params: ({ context }) => addServiceRequestNoteEffect(context) },
              ],
            },
            MICROSOFT_CLOSED: {
              guard: "validEvent",
              target: `#${TICKET_MACHINE_ID}.resolution`,
              actions: ["recordMicrosoftClosed", notify("RESOLUTION_PROPOSED")],
            },
          },
        },
        filingFailed: {
          entry: visit("escalated.filingFailed"),
          on: {
            RETRY_ESCALATION: { guard: "validEvent", target: "filing", actions: "beginRetry" },
          },
        },
      },
    },
    resolved: {
      entry: visit("resolved"),
      on: {
        ...WORKING_TRANSITIONS,
        CLOSE: { guard: "validEvent", target: "closed", actions: ["recordClosed", notify("TICKET_CLOSED")] },
        REOPEN: { guard: "validEvent", target: "diagnosis", actions: ["recordReopen", notify("TICKET_REOPENED")] },
        LINKED_INCIDENT_RESOLVED: { guard: "linkedIncidentOpen", actions: "recordIncidentResolved" },
      },
    },
    closed: { type: "final", entry: visit("closed") },
    cancelled: { type: "final", entry: visit("cancelled") },
  },
});

/** The machine's type, for callers that hold its snapshots. */
export type SupportTicketMachine = typeof supportTicketMachine;
