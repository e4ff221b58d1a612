/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AgentRole =
  | 'ADMIN_AGENT'
  | 'HELPDESK_AGENT'
  | 'SALES_AGENT'
  | 'SUPPORT_LEAD'
  /** An automatic change; the actor id names the component, e.g. system:escalation-sync. */
  | 'SYSTEM';

/** How a destination receives alerts. */
export type AlertChannel =
  | 'EMAIL'
  | 'SLACK'
  | 'TEAMS'
  | 'WEBHOOK';

export type AlertDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

/** Filters for the alert feed; every given field must match. */
export type AlertFilter = {
  acknowledged?: boolean | null | undefined;
  customerId?: string | number | null | undefined;
  kinds?: Array<AlertKind> | null | undefined;
};

/** What an alert is about (schema/alert.v1.schema.json `kind`). */
export type AlertKind =
  | 'AWAITING_PORTAL_FILING'
  | 'CUSTOMER_REPLIED'
  | 'DELEGATED_ACCESS_EXPIRED'
  | 'DELEGATED_ACCESS_EXPIRING'
  | 'DELEGATED_ACCESS_TERMINATED'
  | 'ESCALATION_CLOSED_BY_MICROSOFT'
  | 'FILING_FAILED'
  | 'MICROSOFT_ACTION_REQUIRED'
  | 'MICROSOFT_INCIDENT_RESOLVED'
  | 'MICROSOFT_INCIDENT_STARTED'
  | 'SLA_AT_RISK'
  | 'SLA_BREACHED';

/** INFO < WARNING < CRITICAL; every kind has one fixed severity. */
export type AlertSeverity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

/** Audit event filters; all given ones must match. */
export type AuditFilter = {
  /** Agent id, or system:<component>. */
  actorId?: string | number | null | undefined;
  customerId?: string | number | null | undefined;
  eventTypes?: Array<TicketEventType> | null | undefined;
  /** Inclusive. */
  from?: string | null | undefined;
  ticketId?: string | number | null | undefined;
  /** Exclusive. */
  to?: string | null | undefined;
};

/** Graph's GDAP relationship status in upper case, or NONE when the customer has no relationship. */
export type DelegatedAccessStatus =
  | 'ACTIVATING'
  | 'ACTIVE'
  | 'APPROVAL_PENDING'
  | 'APPROVED'
  | 'CREATED'
  | 'EXPIRED'
  | 'EXPIRING'
  | 'NONE'
  | 'TERMINATED'
  | 'TERMINATING'
  | 'TERMINATION_REQUESTED';

export type EscalationChannel =
  | 'AZURE_SUPPORT'
  | 'PARTNER_CENTER'
  | 'PORTAL';

export type EscalationInput = {
  /** Defaults to the ticket's description and diagnosis notes. */
  description?: string | null | undefined;
  /** Defaults to the ticket's severity. */
  severity?: Severity | null | undefined;
  supportTopicId: string | number;
  vehicle: SupportVehicle;
};

/** Graph's post type in upper case; UNKNOWN for values this version does not know. */
export type IncidentPostType =
  | 'QUICK'
  | 'REGULAR'
  | 'STRATEGIC'
  | 'UNKNOWN';

export type MessageDirection =
  | 'FROM_MICROSOFT'
  | 'TO_MICROSOFT';

export type OpenTicketInput = {
  category: TicketCategory;
  /** Free text (kept for older clients); channelKind wins when both are given. */
  channel?: string | null | undefined;
  /** Where the request came in. */
  channelKind?: TicketChannel | null | undefined;
  /** The customer's tenant id. */
  customerId: string | number;
  description: string;
  product: Product;
  severity: Severity;
  title: string;
};

/** The Microsoft online service family. */
export type Product =
  | 'AZURE'
  | 'DYNAMICS_365'
  | 'MICROSOFT_365'
  | 'OTHER';

/** Who proposed a resolution. */
export type ResolutionSource =
  | 'MICROSOFT'
  | 'PARTNER';

/** Graph's serviceHealthStatus in upper snake case; UNKNOWN for values this version does not know. */
export type ServiceHealthStatus =
  | 'CONFIRMED'
  | 'EXTENDED_RECOVERY'
  | 'FALSE_POSITIVE'
  | 'INVESTIGATING'
  | 'INVESTIGATION_SUSPENDED'
  | 'MITIGATED'
  | 'MITIGATED_EXTERNAL'
  | 'POST_INCIDENT_REVIEW_PUBLISHED'
  | 'REPORTED'
  | 'RESOLVED'
  | 'RESOLVED_EXTERNAL'
  | 'RESTORING_SERVICE'
  | 'SERVICE_DEGRADATION'
  | 'SERVICE_INTERRUPTION'
  | 'SERVICE_OPERATIONAL'
  | 'SERVICE_RESTORED'
  | 'UNKNOWN'
  | 'VERIFYING_SERVICE';

export type ServiceRequestStatus =
  | 'ATTENTION_NEEDED'
  | 'CLOSED'
  | 'NONE'
  | 'OPEN';

/** Partner Center's service request severities. */
export type Severity =
  | 'CRITICAL'
  | 'MINIMAL'
  | 'MODERATE';

/** Which SLA target was missed. */
export type SlaBreachKind =
  | 'FIRST_RESPONSE'
  | 'RESOLUTION';

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type SubscriptionStatus =
  | 'ACTIVE'
  | 'DELETED'
  | 'DISABLED'
  | 'EXPIRED'
  | 'NONE'
  | 'PENDING'
  | 'SUSPENDED';

export type SupportVehicle =
  | 'ADVANCED_SUPPORT_FOR_PARTNERS'
  | 'COMMERCIAL'
  | 'PREMIER_SUPPORT_FOR_PARTNERS'
  | 'SIGNATURE_CLOUD_SUPPORT';

export type TicketCategory =
  | 'BILLING'
  | 'SUBSCRIPTION_MANAGEMENT'
  | 'TECHNICAL';

/** Where a ticket came in; OTHER for anything else. */
export type TicketChannel =
  | 'CHAT'
  | 'EMAIL'
  | 'OTHER'
  | 'PHONE'
  | 'PORTAL';

/** What happened to a ticket: an agent's command or a fact a gateway worker observed. */
export type TicketEventType =
  | 'ADD_DIAGNOSIS_NOTE'
  | 'ASSIGN'
  | 'CANCEL'
  | 'CLOSE'
  | 'CONFIRM_RESOLUTION'
  | 'ESCALATE'
  | 'LINKED_INCIDENT_RESOLVED'
  | 'LINK_INCIDENT'
  | 'MARK_FILED'
  | 'MARK_FILING_FAILED'
  | 'MICROSOFT_ACTION_REQUIRED'
  | 'MICROSOFT_CLOSED'
  | 'OPEN'
  | 'PROPOSE_RESOLUTION'
  | 'RECORD_CUSTOMER_REPLY'
  | 'RECORD_SERVICE_REQUEST_NUMBER'
  | 'REJECT_RESOLUTION'
  | 'REOPEN'
  | 'REQUEST_CUSTOMER_INFO'
  | 'REQUIRE_PORTAL_FILING'
  | 'RESPOND_TO_MICROSOFT'
  | 'RETRY_ESCALATION'
  | 'START_DIAGNOSIS'
  | 'UPDATE_DETAILS';

/** A ticket field an agent may correct (updateTicket). */
export type TicketField =
  | 'CATEGORY'
  | 'DESCRIPTION'
  | 'PRODUCT'
  | 'SEVERITY'
  | 'TITLE';

export type TicketFilter = {
  assigneeId?: string | number | null | undefined;
  /** true: only tickets with a recorded SLA breach; false: only those without. */
  breached?: boolean | null | undefined;
  category?: Array<TicketCategory> | null | undefined;
  /** Created at or after. */
  createdFrom?: string | null | undefined;
  /** Created before. */
  createdTo?: string | null | undefined;
  customerId?: string | number | null | undefined;
  product?: Array<Product> | null | undefined;
  /** Words that must all occur in title or description (prefix match, case-insensitive; letters and digits only). */
  search?: string | null | undefined;
  severity?: Array<Severity> | null | undefined;
  state?: Array<TicketState> | null | undefined;
  /**
   * Full state paths, e.g. "escalated.filingFailed".
   * @deprecated Use status.
   */
  stateValue?: Array<string> | null | undefined;
  /** Tickets in any of these statuses (e.g. ESCALATED_FILING_FAILED). */
  status?: Array<TicketStatus> | null | undefined;
  /** true: only tickets nobody is assigned to; false: only assigned ones. Not with assigneeId. */
  unassigned?: boolean | null | undefined;
  /** Updated at or after. */
  updatedFrom?: string | null | undefined;
  /** Updated before. */
  updatedTo?: string | null | undefined;
};

/** How to sort a ticket list. */
export type TicketOrder = {
  direction?: SortDirection | null | undefined;
  field: TicketOrderField;
};

/** What a ticket list is sorted by; ties are broken by ticket id, so paging is stable in every order. */
export type TicketOrderField =
  | 'CREATED_AT'
  /** MINIMAL < MODERATE < CRITICAL. */
  | 'SEVERITY'
  /** The next SLA deadline: first response until answered, then resolution. Tickets without one (paused, stopped) sort last ascending. */
  | 'SLA_DUE'
  | 'UPDATED_AT';

/** A ticket's top-level workflow state. */
export type TicketState =
  | 'AWAITING_CUSTOMER'
  | 'CANCELLED'
  | 'CLOSED'
  | 'DIAGNOSIS'
  | 'ESCALATED'
  | 'INTAKE'
  | 'RESOLUTION'
  | 'RESOLVED';

/** Every state a ticket can be in, one value per leaf of the workflow, in lifecycle order: the state path "escalated.withMicrosoft" is ESCALATED_WITH_MICROSOFT. */
export type TicketStatus =
  | 'AWAITING_CUSTOMER'
  | 'CANCELLED'
  | 'CLOSED'
  | 'DIAGNOSIS'
  | 'ESCALATED_ACTION_REQUIRED'
  | 'ESCALATED_AWAITING_PORTAL_FILING'
  | 'ESCALATED_FILING'
  | 'ESCALATED_FILING_FAILED'
  | 'ESCALATED_WITH_MICROSOFT'
  | 'INTAKE'
  | 'RESOLUTION'
  | 'RESOLVED';

export type AlertRowFieldsFragment = { id: string, kind: AlertKind, severity: AlertSeverity, title: string, summary: string, occurredAt: string, raisedAt: string, customerId: string, customerName: string | null, acknowledgedAt: string | null, acknowledgedBy: string | null, ticket: { id: string, title: string, state: string } | null, deliveries: Array<{ destination: string, channel: AlertChannel, status: AlertDeliveryStatus, attempts: number }> };

export type AlertsPageQueryVariables = Exact<{
  filter?: AlertFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AlertsPageQuery = { alerts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: AlertKind, severity: AlertSeverity, title: string, summary: string, occurredAt: string, raisedAt: string, customerId: string, customerName: string | null, acknowledgedAt: string | null, acknowledgedBy: string | null, ticket: { id: string, title: string, state: string } | null, deliveries: Array<{ destination: string, channel: AlertChannel, status: AlertDeliveryStatus, attempts: number }> } }> } };

export type AcknowledgeAlertMutationVariables = Exact<{
  id: string | number;
}>;


export type AcknowledgeAlertMutation = { acknowledgeAlert: { id: string, kind: AlertKind, severity: AlertSeverity, title: string, summary: string, occurredAt: string, raisedAt: string, customerId: string, customerName: string | null, acknowledgedAt: string | null, acknowledgedBy: string | null, ticket: { id: string, title: string, state: string } | null, deliveries: Array<{ destination: string, channel: AlertChannel, status: AlertDeliveryStatus, attempts: number }> } };

export type AlertLiveSubscriptionVariables = Exact<{
  customerId?: string | number | null | undefined;
  kinds?: Array<AlertKind> | AlertKind | null | undefined;
}>;


export type AlertLiveSubscription = { alertRaised: { id: string, kind: AlertKind, severity: AlertSeverity, title: string, summary: string, occurredAt: string, raisedAt: string, customerId: string, customerName: string | null, acknowledgedAt: string | null, acknowledgedBy: string | null, ticket: { id: string, title: string, state: string } | null, deliveries: Array<{ destination: string, channel: AlertChannel, status: AlertDeliveryStatus, attempts: number }> } };

export type UnacknowledgedAlertCountQueryVariables = Exact<{ [key: string]: never; }>;


export type UnacknowledgedAlertCountQuery = { alerts: { totalCount: number } };

export type AlertCountLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AlertCountLiveSubscription = { alertRaised: { id: string } };

export type AuditLogQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, ticketId: string, customerId: string, sequence: number, type: TicketEventType, fromState: string, toState: string, at: string, actor: { id: string, displayName: string, role: AgentRole } } }> } };

export type AuditTicketQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type AuditTicketQuery = { ticket: { id: string, title: string, state: TicketState, stateValue: string, severity: Severity, createdAt: string, diagram: string, customer: { id: string, name: string }, sla: { policyVersion: number, breached: boolean, breachedAt: string | null, firstResponseDueAt: string | null, firstRespondedAt: string | null, firstResponseBreached: boolean, resolutionDueAt: string | null, resolvedAt: string | null, resolutionBreached: boolean, resolutionServiceSeconds: number, clockPaused: boolean, clockStopped: boolean, breaches: Array<{ kind: SlaBreachKind, dueAt: string, detectedAt: string }>, timeInStates: Array<{ state: string, seconds: number }> }, history: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, ticketId: string, customerId: string, sequence: number, type: TicketEventType, fromState: string, toState: string, at: string, machineVersion: number, payload: unknown, previousHash: string | null, hash: string, actor: { id: string, displayName: string, role: AgentRole } } }> } } | null, ticketWorkflow: { version: number, states: Array<string>, mermaid: string, transitions: Array<{ event: TicketEventType, from: string, to: string }> } };

export type CustomersPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type CustomersPageQuery = { customers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, defaultDomain: string | null, delegatedAccess: { status: DelegatedAccessStatus, endsAt: string | null }, healthSummary: { worstStatus: ServiceHealthStatus, activeIncidentCount: number, affectedServiceCount: number } | null, incidents: Array<{ id: string, title: string, service: string, status: ServiceHealthStatus, startDateTime: string, posts: Array<{ postType: IncidentPostType, createdAt: string, content: string }> }> | null, subscriptions: Array<{ id: string, offerName: string, friendlyName: string | null, status: SubscriptionStatus, quantity: number, product: Product }> | null, adminPortals: Array<{ name: string, product: Product, url: string }> } }> } };

export type CustomerNameQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerNameQuery = { customer: { id: string, name: string } | null };

export type DeskCountsQueryVariables = Exact<{
  filter?: TicketFilter | null | undefined;
}>;


export type DeskCountsQuery = { ticketCounts: { total: number, byState: Array<{ state: TicketState, count: number }> } };

export type DeskTicketsQueryVariables = Exact<{
  filter?: TicketFilter | null | undefined;
  orderBy?: TicketOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DeskTicketsQuery = { tickets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, state: TicketState, stateValue: string, severity: Severity, product: Product, category: TicketCategory, updatedAt: string, createdAt: string, customer: { id: string, name: string }, assignee: { id: string, displayName: string } | null, sla: { breached: boolean, firstResponseDueAt: string | null, resolutionDueAt: string | null, clockPaused: boolean, clockStopped: boolean } } }> } };

export type DeskCustomersQueryVariables = Exact<{ [key: string]: never; }>;


export type DeskCustomersQuery = { customers: { edges: Array<{ node: { id: string, name: string, delegatedAccess: { status: DelegatedAccessStatus } } }> } };

export type DeskAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type DeskAgentsQuery = { agents: Array<{ id: string, displayName: string, role: AgentRole }> };

export type OpenTicketMutationVariables = Exact<{
  input: OpenTicketInput;
  idempotencyKey?: string | null | undefined;
}>;


export type OpenTicketMutation = { openTicket: { id: string } };

export type MetricsPageQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type MetricsPageQuery = { ticketMetrics: { from: string, to: string, ticketCount: number, breachCount: number, breachRate: number, escalationRate: number, reopenRate: number, firstResponse: { count: number, medianSeconds: number | null, p90Seconds: number | null }, resolution: { count: number, medianSeconds: number | null, p90Seconds: number | null }, byState: Array<{ key: string, count: number }>, byCategory: Array<{ key: string, count: number }>, timeInStateMedians: Array<{ state: string, medianSeconds: number, ticketCount: number }>, byAgent: Array<{ key: string, label: string | null, ticketCount: number, openCount: number, breachCount: number, breachRate: number, firstResponse: { medianSeconds: number | null }, resolution: { medianSeconds: number | null } }>, byCustomer: Array<{ key: string, label: string | null, ticketCount: number, openCount: number, breachCount: number, breachRate: number, firstResponse: { medianSeconds: number | null }, resolution: { medianSeconds: number | null } }>, bySeverity: Array<{ key: string, label: string | null, ticketCount: number, openCount: number, breachCount: number, breachRate: number, firstResponse: { medianSeconds: number | null }, resolution: { medianSeconds: number | null } }>, byProduct: Array<{ key: string, label: string | null, ticketCount: number, openCount: number, breachCount: number, breachRate: number, firstResponse: { medianSeconds: number | null }, resolution: { medianSeconds: number | null } }>, daily: Array<{ date: string, opened: number, closed: number, backlog: number, breaches: number }> } };

export type MetricsGroupFieldsFragment = { key: string, label: string | null, ticketCount: number, openCount: number, breachCount: number, breachRate: number, firstResponse: { medianSeconds: number | null }, resolution: { medianSeconds: number | null } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, displayName: string, role: AgentRole } };

export type TicketPageFieldsFragment = { id: string, title: string, description: string, state: TicketState, stateValue: string, category: TicketCategory, product: Product, severity: Severity, channel: string | null, version: number, availableEvents: Array<TicketEventType>, createdAt: string, updatedAt: string, assignee: { id: string, displayName: string, role: AgentRole } | null, customer: { id: string, name: string }, sla: { breached: boolean, firstResponseDueAt: string | null, firstRespondedAt: string | null, firstResponseBreached: boolean, resolutionDueAt: string | null, resolutionBreached: boolean, resolvedAt: string | null, clockPaused: boolean, clockStopped: boolean, policyVersion: number }, escalation: { vehicle: SupportVehicle, channel: EscalationChannel, severity: Severity, supportTopicId: string, serviceRequestId: string | null, serviceRequestStatus: ServiceRequestStatus | null, filedAt: string | null, lastSyncedAt: string | null, lastError: string | null, supportTopic: { id: string, name: string } | null, casePacket: { title: string, description: string, severity: Severity, contact: string | null, portalUrl: string, supportTopic: { id: string, name: string } | null } | null, messages: Array<{ id: string, at: string, direction: MessageDirection, text: string, author: { id: string, displayName: string } }> } | null };

export type TicketPageQueryVariables = Exact<{
  id: string | number;
}>;


export type TicketPageQuery = { ticket: { id: string, title: string, description: string, state: TicketState, stateValue: string, category: TicketCategory, product: Product, severity: Severity, channel: string | null, version: number, availableEvents: Array<TicketEventType>, createdAt: string, updatedAt: string, linkedIncidents: Array<{ id: string, title: string, service: string, status: ServiceHealthStatus }> | null, suggestedIncidents: Array<{ id: string, title: string, service: string, status: ServiceHealthStatus }> | null, assignee: { id: string, displayName: string, role: AgentRole } | null, customer: { id: string, name: string }, sla: { breached: boolean, firstResponseDueAt: string | null, firstRespondedAt: string | null, firstResponseBreached: boolean, resolutionDueAt: string | null, resolutionBreached: boolean, resolvedAt: string | null, clockPaused: boolean, clockStopped: boolean, policyVersion: number }, escalation: { vehicle: SupportVehicle, channel: EscalationChannel, severity: Severity, supportTopicId: string, serviceRequestId: string | null, serviceRequestStatus: ServiceRequestStatus | null, filedAt: string | null, lastSyncedAt: string | null, lastError: string | null, supportTopic: { id: string, name: string } | null, casePacket: { title: string, description: string, severity: Severity, contact: string | null, portalUrl: string, supportTopic: { id: string, name: string } | null } | null, messages: Array<{ id: string, at: string, direction: MessageDirection, text: string, author: { id: string, displayName: string } }> } | null } | null };

type TimelineEntryFields_AssignmentEntry_Fragment = { __typename: 'AssignmentEntry', id: string, sequence: number, at: string, from: { id: string, displayName: string } | null, to: { id: string, displayName: string } | null, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_CustomerQuestionEntry_Fragment = { __typename: 'CustomerQuestionEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_CustomerReplyEntry_Fragment = { __typename: 'CustomerReplyEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_FieldChangeEntry_Fragment = { __typename: 'FieldChangeEntry', id: string, sequence: number, at: string, changes: Array<{ field: TicketField, from: string, to: string }>, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_MicrosoftAnswerEntry_Fragment = { __typename: 'MicrosoftAnswerEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_MicrosoftMessageEntry_Fragment = { __typename: 'MicrosoftMessageEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_NoteEntry_Fragment = { __typename: 'NoteEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_ResolutionProposedEntry_Fragment = { __typename: 'ResolutionProposedEntry', source: ResolutionSource, summary: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_ResolutionRejectedEntry_Fragment = { __typename: 'ResolutionRejectedEntry', id: string, sequence: number, at: string, rejectedReason: string, actor: { id: string, displayName: string, role: AgentRole } };

type TimelineEntryFields_StateChangeEntry_Fragment = { __typename: 'StateChangeEntry', eventType: TicketEventType, fromState: string | null, toState: string, reason: string | null, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } };

export type TimelineEntryFieldsFragment =
  | TimelineEntryFields_AssignmentEntry_Fragment
  | TimelineEntryFields_CustomerQuestionEntry_Fragment
  | TimelineEntryFields_CustomerReplyEntry_Fragment
  | TimelineEntryFields_FieldChangeEntry_Fragment
  | TimelineEntryFields_MicrosoftAnswerEntry_Fragment
  | TimelineEntryFields_MicrosoftMessageEntry_Fragment
  | TimelineEntryFields_NoteEntry_Fragment
  | TimelineEntryFields_ResolutionProposedEntry_Fragment
  | TimelineEntryFields_ResolutionRejectedEntry_Fragment
  | TimelineEntryFields_StateChangeEntry_Fragment
;

export type TicketTimelineQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TicketTimelineQuery = { ticket: { id: string, timeline: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node:
          | { __typename: 'AssignmentEntry', id: string, sequence: number, at: string, from: { id: string, displayName: string } | null, to: { id: string, displayName: string } | null, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'CustomerQuestionEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'CustomerReplyEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'FieldChangeEntry', id: string, sequence: number, at: string, changes: Array<{ field: TicketField, from: string, to: string }>, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'MicrosoftAnswerEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'MicrosoftMessageEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'NoteEntry', text: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'ResolutionProposedEntry', source: ResolutionSource, summary: string, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'ResolutionRejectedEntry', id: string, sequence: number, at: string, rejectedReason: string, actor: { id: string, displayName: string, role: AgentRole } }
          | { __typename: 'StateChangeEntry', eventType: TicketEventType, fromState: string | null, toState: string, reason: string | null, id: string, sequence: number, at: string, actor: { id: string, displayName: string, role: AgentRole } }
         }> } } | null };

export type EscalationOptionsQueryVariables = Exact<{
  product?: Product | null | undefined;
}>;


export type EscalationOptionsQuery = { supportTopics: Array<{ id: string, name: string, product: Product }>, supportVehicles: Array<{ vehicle: SupportVehicle, entitled: boolean, categories: Array<TicketCategory> }> };

export type TicketLiveSubscriptionVariables = Exact<{
  ticketId?: string | number | null | undefined;
}>;


export type TicketLiveSubscription = { ticketEvents: { id: string, ticketId: string, sequence: number, type: TicketEventType, toState: string, at: string, actor: { id: string, displayName: string } } };

export type StartDiagnosisMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type StartDiagnosisMutation = { startDiagnosis: { id: string, version: number } };

export type AddDiagnosisNoteMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  note: string;
}>;


export type AddDiagnosisNoteMutation = { addDiagnosisNote: { id: string, version: number } };

export type RequestCustomerInfoMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  question: string;
}>;


export type RequestCustomerInfoMutation = { requestCustomerInfo: { id: string, version: number } };

export type RecordCustomerReplyMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  reply: string;
}>;


export type RecordCustomerReplyMutation = { recordCustomerReply: { id: string, version: number } };

export type ProposeResolutionMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  summary: string;
}>;


export type ProposeResolutionMutation = { proposeResolution: { id: string, version: number } };

export type ConfirmResolutionMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type ConfirmResolutionMutation = { confirmResolution: { id: string, version: number } };

export type RejectResolutionMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  reason: string;
}>;


export type RejectResolutionMutation = { rejectResolution: { id: string, version: number } };

export type CloseTicketMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type CloseTicketMutation = { closeTicket: { id: string, version: number } };

export type ReopenTicketMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  reason: string;
}>;


export type ReopenTicketMutation = { reopenTicket: { id: string, version: number } };

export type CancelTicketMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  reason: string;
}>;


export type CancelTicketMutation = { cancelTicket: { id: string, version: number } };

export type EscalateToMicrosoftMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  input: EscalationInput;
}>;


export type EscalateToMicrosoftMutation = { escalateToMicrosoft: { id: string, version: number } };

export type RetryEscalationMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type RetryEscalationMutation = { retryEscalation: { id: string, version: number } };

export type RecordServiceRequestNumberMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  serviceRequestId: string;
}>;


export type RecordServiceRequestNumberMutation = { recordServiceRequestNumber: { id: string, version: number } };

export type RespondToMicrosoftMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  note: string;
}>;


export type RespondToMicrosoftMutation = { respondToMicrosoft: { id: string, version: number } };

export type LinkIncidentMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
  incidentId: string | number;
}>;


export type LinkIncidentMutation = { linkIncident: { id: string, version: number } };

export type WorkflowPageQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkflowPageQuery = { ticketWorkflow: { version: number, states: Array<string>, events: Array<TicketEventType>, mermaid: string, transitions: Array<{ event: TicketEventType, from: string, to: string, guard: string | null, internal: boolean, system: boolean }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AlertRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment AlertRowFields on Alert {
  id
  kind
  severity
  title
  summary
  occurredAt
  raisedAt
  customerId
  customerName
  ticket {
    id
    title
    state
  }
  acknowledgedAt
  acknowledgedBy
  deliveries {
    destination
    channel
    status
    attempts
  }
}
    `, {"fragmentName":"AlertRowFields"}) as unknown as TypedDocumentString<AlertRowFieldsFragment, unknown>;
export const MetricsGroupFieldsFragmentDoc = new TypedDocumentString(`
    fragment MetricsGroupFields on TicketMetricsGroup {
  key
  label
  ticketCount
  openCount
  breachCount
  breachRate
  firstResponse {
    medianSeconds
  }
  resolution {
    medianSeconds
  }
}
    `, {"fragmentName":"MetricsGroupFields"}) as unknown as TypedDocumentString<MetricsGroupFieldsFragment, unknown>;
export const TicketPageFieldsFragmentDoc = new TypedDocumentString(`
    fragment TicketPageFields on Ticket {
  id
  title
  description
  state
  stateValue
  category
  product
  severity
  channel
  version
  availableEvents
  createdAt
  updatedAt
  assignee {
    id
    displayName
    role
  }
  customer {
    id
    name
  }
  sla {
    breached
    firstResponseDueAt
    firstRespondedAt
    firstResponseBreached
    resolutionDueAt
    resolutionBreached
    resolvedAt
    clockPaused
    clockStopped
    policyVersion
  }
  escalation {
    vehicle
    channel
    severity
    supportTopicId
    supportTopic {
      id
      name
    }
    serviceRequestId
    serviceRequestStatus
    filedAt
    lastSyncedAt
    lastError
    casePacket {
      title
      description
      severity
      contact
      portalUrl
      supportTopic {
        id
        name
      }
    }
    messages {
      id
      at
      direction
      text
      author {
        id
        displayName
      }
    }
  }
}
    `, {"fragmentName":"TicketPageFields"}) as unknown as TypedDocumentString<TicketPageFieldsFragment, unknown>;
export const TimelineEntryFieldsFragmentDoc = new TypedDocumentString(`
    fragment TimelineEntryFields on TimelineEntry {
  __typename
  id
  sequence
  at
  actor {
    id
    displayName
    role
  }
  ... on NoteEntry {
    text
  }
  ... on CustomerQuestionEntry {
    text
  }
  ... on CustomerReplyEntry {
    text
  }
  ... on MicrosoftMessageEntry {
    text
  }
  ... on MicrosoftAnswerEntry {
    text
  }
  ... on ResolutionProposedEntry {
    source
    summary
  }
  ... on ResolutionRejectedEntry {
    rejectedReason: reason
  }
  ... on StateChangeEntry {
    eventType
    fromState
    toState
    reason
  }
  ... on AssignmentEntry {
    from {
      id
      displayName
    }
    to {
      id
      displayName
    }
  }
  ... on FieldChangeEntry {
    changes {
      field
      from
      to
    }
  }
}
    `, {"fragmentName":"TimelineEntryFields"}) as unknown as TypedDocumentString<TimelineEntryFieldsFragment, unknown>;
export const AlertsPageDocument = new TypedDocumentString(`
    query AlertsPage($filter: AlertFilter, $first: Int = 25, $after: String) {
  alerts(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...AlertRowFields
      }
    }
  }
}
    fragment AlertRowFields on Alert {
  id
  kind
  severity
  title
  summary
  occurredAt
  raisedAt
  customerId
  customerName
  ticket {
    id
    title
    state
  }
  acknowledgedAt
  acknowledgedBy
  deliveries {
    destination
    channel
    status
    attempts
  }
}`) as unknown as TypedDocumentString<AlertsPageQuery, AlertsPageQueryVariables>;
export const AcknowledgeAlertDocument = new TypedDocumentString(`
    mutation AcknowledgeAlert($id: ID!) {
  acknowledgeAlert(id: $id) {
    ...AlertRowFields
  }
}
    fragment AlertRowFields on Alert {
  id
  kind
  severity
  title
  summary
  occurredAt
  raisedAt
  customerId
  customerName
  ticket {
    id
    title
    state
  }
  acknowledgedAt
  acknowledgedBy
  deliveries {
    destination
    channel
    status
    attempts
  }
}`) as unknown as TypedDocumentString<AcknowledgeAlertMutation, AcknowledgeAlertMutationVariables>;
export const AlertLiveDocument = new TypedDocumentString(`
    subscription AlertLive($customerId: ID, $kinds: [AlertKind!]) {
  alertRaised(customerId: $customerId, kinds: $kinds) {
    ...AlertRowFields
  }
}
    fragment AlertRowFields on Alert {
  id
  kind
  severity
  title
  summary
  occurredAt
  raisedAt
  customerId
  customerName
  ticket {
    id
    title
    state
  }
  acknowledgedAt
  acknowledgedBy
  deliveries {
    destination
    channel
    status
    attempts
  }
}`) as unknown as TypedDocumentString<AlertLiveSubscription, AlertLiveSubscriptionVariables>;
export const UnacknowledgedAlertCountDocument = new TypedDocumentString(`
    query UnacknowledgedAlertCount {
  alerts(filter: {acknowledged: false}, first: 0) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<UnacknowledgedAlertCountQuery, UnacknowledgedAlertCountQueryVariables>;
export const AlertCountLiveDocument = new TypedDocumentString(`
    subscription AlertCountLive {
  alertRaised {
    id
  }
}
    `) as unknown as TypedDocumentString<AlertCountLiveSubscription, AlertCountLiveSubscriptionVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($filter: AuditFilter, $first: Int = 25, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        ticketId
        customerId
        sequence
        type
        fromState
        toState
        at
        actor {
          id
          displayName
          role
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const AuditTicketDocument = new TypedDocumentString(`
    query AuditTicket($id: ID!, $after: String) {
  ticket(id: $id) {
    id
    title
    state
    stateValue
    severity
    createdAt
    diagram
    customer {
      id
      name
    }
    sla {
      policyVersion
      breached
      breachedAt
      firstResponseDueAt
      firstRespondedAt
      firstResponseBreached
      resolutionDueAt
      resolvedAt
      resolutionBreached
      resolutionServiceSeconds
      clockPaused
      clockStopped
      breaches {
        kind
        dueAt
        detectedAt
      }
      timeInStates {
        state
        seconds
      }
    }
    history(first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ticketId
          customerId
          sequence
          type
          fromState
          toState
          at
          machineVersion
          payload
          previousHash
          hash
          actor {
            id
            displayName
            role
          }
        }
      }
    }
  }
  ticketWorkflow {
    version
    states
    mermaid
    transitions {
      event
      from
      to
    }
  }
}
    `) as unknown as TypedDocumentString<AuditTicketQuery, AuditTicketQueryVariables>;
export const CustomersPageDocument = new TypedDocumentString(`
    query CustomersPage($first: Int = 20, $after: String, $search: String) {
  customers(first: $first, after: $after, search: $search) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        defaultDomain
        delegatedAccess {
          status
          endsAt
        }
        healthSummary {
          worstStatus
          activeIncidentCount
          affectedServiceCount
        }
        incidents(activeOnly: true) {
          id
          title
          service
          status
          startDateTime
          posts {
            postType
            createdAt
            content
          }
        }
        subscriptions {
          id
          offerName
          friendlyName
          status
          quantity
          product
        }
        adminPortals {
          name
          product
          url
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CustomersPageQuery, CustomersPageQueryVariables>;
export const CustomerNameDocument = new TypedDocumentString(`
    query CustomerName($id: ID!) {
  customer(id: $id) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CustomerNameQuery, CustomerNameQueryVariables>;
export const DeskCountsDocument = new TypedDocumentString(`
    query DeskCounts($filter: TicketFilter) {
  ticketCounts(filter: $filter) {
    total
    byState {
      state
      count
    }
  }
}
    `) as unknown as TypedDocumentString<DeskCountsQuery, DeskCountsQueryVariables>;
export const DeskTicketsDocument = new TypedDocumentString(`
    query DeskTickets($filter: TicketFilter, $orderBy: TicketOrder, $first: Int = 25, $after: String) {
  tickets(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        title
        state
        stateValue
        severity
        product
        category
        updatedAt
        createdAt
        customer {
          id
          name
        }
        assignee {
          id
          displayName
        }
        sla {
          breached
          firstResponseDueAt
          resolutionDueAt
          clockPaused
          clockStopped
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DeskTicketsQuery, DeskTicketsQueryVariables>;
export const DeskCustomersDocument = new TypedDocumentString(`
    query DeskCustomers {
  customers(first: 100) {
    edges {
      node {
        id
        name
        delegatedAccess {
          status
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DeskCustomersQuery, DeskCustomersQueryVariables>;
export const DeskAgentsDocument = new TypedDocumentString(`
    query DeskAgents {
  agents {
    id
    displayName
    role
  }
}
    `) as unknown as TypedDocumentString<DeskAgentsQuery, DeskAgentsQueryVariables>;
export const OpenTicketDocument = new TypedDocumentString(`
    mutation OpenTicket($input: OpenTicketInput!, $idempotencyKey: String) {
  openTicket(input: $input, idempotencyKey: $idempotencyKey) {
    id
  }
}
    `) as unknown as TypedDocumentString<OpenTicketMutation, OpenTicketMutationVariables>;
export const MetricsPageDocument = new TypedDocumentString(`
    query MetricsPage($from: DateTime!, $to: DateTime!) {
  ticketMetrics(from: $from, to: $to) {
    from
    to
    ticketCount
    breachCount
    breachRate
    escalationRate
    reopenRate
    firstResponse {
      count
      medianSeconds
      p90Seconds
    }
    resolution {
      count
      medianSeconds
      p90Seconds
    }
    byState {
      key
      count
    }
    byCategory {
      key
      count
    }
    timeInStateMedians {
      state
      medianSeconds
      ticketCount
    }
    byAgent {
      ...MetricsGroupFields
    }
    byCustomer {
      ...MetricsGroupFields
    }
    bySeverity {
      ...MetricsGroupFields
    }
    byProduct {
      ...MetricsGroupFields
    }
    daily {
      date
      opened
      closed
      backlog
      breaches
    }
  }
}
    fragment MetricsGroupFields on TicketMetricsGroup {
  key
  label
  ticketCount
  openCount
  breachCount
  breachRate
  firstResponse {
    medianSeconds
  }
  resolution {
    medianSeconds
  }
}`) as unknown as TypedDocumentString<MetricsPageQuery, MetricsPageQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    displayName
    role
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const TicketPageDocument = new TypedDocumentString(`
    query TicketPage($id: ID!) {
  ticket(id: $id) {
    ...TicketPageFields
    linkedIncidents {
      id
      title
      service
      status
    }
    suggestedIncidents {
      id
      title
      service
      status
    }
  }
}
    fragment TicketPageFields on Ticket {
  id
  title
  description
  state
  stateValue
  category
  product
  severity
  channel
  version
  availableEvents
  createdAt
  updatedAt
  assignee {
    id
    displayName
    role
  }
  customer {
    id
    name
  }
  sla {
    breached
    firstResponseDueAt
    firstRespondedAt
    firstResponseBreached
    resolutionDueAt
    resolutionBreached
    resolvedAt
    clockPaused
    clockStopped
    policyVersion
  }
  escalation {
    vehicle
    channel
    severity
    supportTopicId
    supportTopic {
      id
      name
    }
    serviceRequestId
    serviceRequestStatus
    filedAt
    lastSyncedAt
    lastError
    casePacket {
      title
      description
      severity
      contact
      portalUrl
      supportTopic {
        id
        name
      }
    }
    messages {
      id
      at
      direction
      text
      author {
        id
        displayName
      }
    }
  }
}`) as unknown as TypedDocumentString<TicketPageQuery, TicketPageQueryVariables>;
export const TicketTimelineDocument = new TypedDocumentString(`
    query TicketTimeline($id: ID!, $first: Int = 50, $after: String) {
  ticket(id: $id) {
    id
    timeline(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TimelineEntryFields
        }
      }
    }
  }
}
    fragment TimelineEntryFields on TimelineEntry {
  __typename
  id
  sequence
  at
  actor {
    id
    displayName
    role
  }
  ... on NoteEntry {
    text
  }
  ... on CustomerQuestionEntry {
    text
  }
  ... on CustomerReplyEntry {
    text
  }
  ... on MicrosoftMessageEntry {
    text
  }
  ... on MicrosoftAnswerEntry {
    text
  }
  ... on ResolutionProposedEntry {
    source
    summary
  }
  ... on ResolutionRejectedEntry {
    rejectedReason: reason
  }
  ... on StateChangeEntry {
    eventType
    fromState
    toState
    reason
  }
  ... on AssignmentEntry {
    from {
      id
      displayName
    }
    to {
      id
      displayName
    }
  }
  ... on FieldChangeEntry {
    changes {
      field
      from
      to
    }
  }
}`) as unknown as TypedDocumentString<TicketTimelineQuery, TicketTimelineQueryVariables>;
export const EscalationOptionsDocument = new TypedDocumentString(`
    query EscalationOptions($product: Product) {
  supportTopics(product: $product) {
    id
    name
    product
  }
  supportVehicles {
    vehicle
    entitled
    categories
  }
}
    `) as unknown as TypedDocumentString<EscalationOptionsQuery, EscalationOptionsQueryVariables>;
export const TicketLiveDocument = new TypedDocumentString(`
    subscription TicketLive($ticketId: ID) {
  ticketEvents(ticketId: $ticketId) {
    id
    ticketId
    sequence
    type
    toState
    at
    actor {
      id
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<TicketLiveSubscription, TicketLiveSubscriptionVariables>;
export const StartDiagnosisDocument = new TypedDocumentString(`
    mutation StartDiagnosis($id: ID!, $expectedVersion: Int) {
  startDiagnosis(id: $id, expectedVersion: $expectedVersion) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<StartDiagnosisMutation, StartDiagnosisMutationVariables>;
export const AddDiagnosisNoteDocument = new TypedDocumentString(`
    mutation AddDiagnosisNote($id: ID!, $expectedVersion: Int, $note: String!) {
  addDiagnosisNote(id: $id, expectedVersion: $expectedVersion, note: $note) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<AddDiagnosisNoteMutation, AddDiagnosisNoteMutationVariables>;
export const RequestCustomerInfoDocument = new TypedDocumentString(`
    mutation RequestCustomerInfo($id: ID!, $expectedVersion: Int, $question: String!) {
  requestCustomerInfo(
    id: $id
    expectedVersion: $expectedVersion
    question: $question
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RequestCustomerInfoMutation, RequestCustomerInfoMutationVariables>;
export const RecordCustomerReplyDocument = new TypedDocumentString(`
    mutation RecordCustomerReply($id: ID!, $expectedVersion: Int, $reply: String!) {
  recordCustomerReply(id: $id, expectedVersion: $expectedVersion, reply: $reply) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RecordCustomerReplyMutation, RecordCustomerReplyMutationVariables>;
export const ProposeResolutionDocument = new TypedDocumentString(`
    mutation ProposeResolution($id: ID!, $expectedVersion: Int, $summary: String!) {
  proposeResolution(id: $id, expectedVersion: $expectedVersion, summary: $summary) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<ProposeResolutionMutation, ProposeResolutionMutationVariables>;
export const ConfirmResolutionDocument = new TypedDocumentString(`
    mutation ConfirmResolution($id: ID!, $expectedVersion: Int) {
  confirmResolution(id: $id, expectedVersion: $expectedVersion) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<ConfirmResolutionMutation, ConfirmResolutionMutationVariables>;
export const RejectResolutionDocument = new TypedDocumentString(`
    mutation RejectResolution($id: ID!, $expectedVersion: Int, $reason: String!) {
  rejectResolution(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RejectResolutionMutation, RejectResolutionMutationVariables>;
export const CloseTicketDocument = new TypedDocumentString(`
    mutation CloseTicket($id: ID!, $expectedVersion: Int) {
  closeTicket(id: $id, expectedVersion: $expectedVersion) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<CloseTicketMutation, CloseTicketMutationVariables>;
export const ReopenTicketDocument = new TypedDocumentString(`
    mutation ReopenTicket($id: ID!, $expectedVersion: Int, $reason: String!) {
  reopenTicket(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<ReopenTicketMutation, ReopenTicketMutationVariables>;
export const CancelTicketDocument = new TypedDocumentString(`
    mutation CancelTicket($id: ID!, $expectedVersion: Int, $reason: String!) {
  cancelTicket(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<CancelTicketMutation, CancelTicketMutationVariables>;
export const EscalateToMicrosoftDocument = new TypedDocumentString(`
    mutation EscalateToMicrosoft($id: ID!, $expectedVersion: Int, $input: EscalationInput!) {
  escalateToMicrosoft(id: $id, expectedVersion: $expectedVersion, input: $input) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<EscalateToMicrosoftMutation, EscalateToMicrosoftMutationVariables>;
export const RetryEscalationDocument = new TypedDocumentString(`
    mutation RetryEscalation($id: ID!, $expectedVersion: Int) {
  retryEscalation(id: $id, expectedVersion: $expectedVersion) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RetryEscalationMutation, RetryEscalationMutationVariables>;
export const RecordServiceRequestNumberDocument = new TypedDocumentString(`
    mutation RecordServiceRequestNumber($id: ID!, $expectedVersion: Int, $serviceRequestId: String!) {
  recordServiceRequestNumber(
    id: $id
    expectedVersion: $expectedVersion
    serviceRequestId: $serviceRequestId
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RecordServiceRequestNumberMutation, RecordServiceRequestNumberMutationVariables>;
export const RespondToMicrosoftDocument = new TypedDocumentString(`
    mutation RespondToMicrosoft($id: ID!, $expectedVersion: Int, $note: String!) {
  respondToMicrosoft(id: $id, expectedVersion: $expectedVersion, note: $note) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<RespondToMicrosoftMutation, RespondToMicrosoftMutationVariables>;
export const LinkIncidentDocument = new TypedDocumentString(`
    mutation LinkIncident($id: ID!, $expectedVersion: Int, $incidentId: ID!) {
  linkIncident(
    id: $id
    expectedVersion: $expectedVersion
    incidentId: $incidentId
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<LinkIncidentMutation, LinkIncidentMutationVariables>;
export const WorkflowPageDocument = new TypedDocumentString(`
    query WorkflowPage {
  ticketWorkflow {
    version
    states
    events
    mermaid
    transitions {
      event
      from
      to
      guard
      internal
      system
    }
  }
}
    `) as unknown as TypedDocumentString<WorkflowPageQuery, WorkflowPageQueryVariables>;