export {
  initialTicketContext,
  supportTicketMachine,
  TICKET_MACHINE_ID,
  TICKET_MACHINE_VERSION,
} from "./support-ticket.machine";
export type { SupportTicketMachine } from "./support-ticket.machine";
export type {
  CustomerExchange,
  MicrosoftExchange,
  ResolutionProposal,
  TicketContext,
  TicketEntry,
  TicketEscalation,
} from "./ticket-context.types";
export { mermaidStateId, ticketDiagram, toMermaid } from "./ticket-diagram.mermaid";
export type { TicketDiagramOptions } from "./ticket-diagram.mermaid";
export { CUSTOMER_NOTICES } from "./ticket-effect.types";
export type {
  AddServiceRequestNoteEffect,
  CustomerNotice,
  FileServiceRequestEffect,
  NotifyCustomerEffect,
  PrepareCasePacketEffect,
  TicketEffect,
  TicketEffectType,
} from "./ticket-effect.types";
export {
  AGENT_EVENT_TYPES,
  EDITABLE_TICKET_FIELDS,
  isSystemEventType,
  SYSTEM_EVENT_TYPES,
  TICKET_EVENT_TYPES,
} from "./ticket-event.types";
export type {
  AgentEventType,
  EditableTicketField,
  OpenTicketFacts,
  TicketFieldChange,
  SystemEventType,
  TicketEvent,
  TicketEventBase,
  TicketEventOf,
  TicketEventType,
  TicketMachineEvent,
} from "./ticket-event.types";
export { TICKET_GUARD_RULES, TICKET_REFUSAL_CODES } from "./ticket.guards";
export type { TicketGuardName, TicketRefusalCode, TicketRuleViolation } from "./ticket.guards";
export {
  applyTicketEvent,
  availableEventTypes,
  canonicalTicketSnapshot,
  checkOpenTicketFacts,
  contextOf,
  upgradeTicketSnapshot,
  isTicketFinished,
  replayTicketEvents,
  startTicket,
  statePathOf,
  TicketEventRefusedError,
  TicketSnapshotError,
  topLevelStateOf,
} from "./ticket-snapshot";
export type {
  ApplyTicketEventResult,
  PersistedTicketSnapshot,
  TicketRefusal,
  TicketStateValue,
} from "./ticket-snapshot";
export {
  ESCALATION_CHANNELS,
  PRODUCTS,
  SERVICE_REQUEST_STATUSES,
  SEVERITIES,
  SUPPORT_VEHICLES,
  TICKET_ACTOR_ROLES,
  TICKET_CATEGORIES,
  VEHICLE_CATEGORIES,
  VEHICLES_OPEN_TO_EVERY_PARTNER,
} from "./ticket-vocabulary";
export type {
  EscalationChannel,
  Product,
  ServiceRequestStatus,
  Severity,
  SupportVehicle,
  TicketActor,
  TicketActorRole,
  TicketCategory,
} from "./ticket-vocabulary";
export {
  ancestorPaths,
  describeWorkflow,
  TICKET_STATE_PATHS,
  TICKET_TOP_LEVEL_STATES,
  toTicketStateEnum,
  transitionsFrom,
} from "./ticket-workflow";
export type { TicketWorkflowDescription, TicketWorkflowTransition } from "./ticket-workflow";
export { statePathOfStatus, statusNameOfPath, TICKET_STATUSES, ticketStatusOfPath } from "./ticket-status";
export type { TicketStatus } from "./ticket-status";
