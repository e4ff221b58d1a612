import { parse } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

/** An operation as a typed document (these suites write their operations inline). */
export const op = <TData = any, TVariables = Record<string, unknown>>(text: string) => parse(text) as unknown as TypedDocumentNode<TData, TVariables>;

export const OPEN_TICKET = op<{ openTicket: { id: string; version: number } }>(
  `mutation ($input: OpenTicketInput!) { openTicket(input: $input) { id version } }`,
);
export const START_DIAGNOSIS = op<{ startDiagnosis: { version: number } }>(`mutation ($id: ID!) { startDiagnosis(id: $id) { version } }`);
export const REQUEST_INFO = op<{ requestCustomerInfo: { version: number } }>(`mutation ($id: ID!) { requestCustomerInfo(id: $id, question: "Since when?") { version } }`);
export const RECORD_REPLY = op<{ recordCustomerReply: { version: number } }>(`mutation ($id: ID!, $reply: String!) { recordCustomerReply(id: $id, reply: $reply) { version } }`);
export const ALERTS = op<{ alerts: { totalCount: number; edges: { cursor: string; node: any }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
  `query ($filter: AlertFilter, $first: Int, $after: String) { alerts(filter: $filter, first: $first, after: $after) {
     totalCount pageInfo { hasNextPage endCursor }
     edges { cursor node { id kind severity customerId customerName title summary link details payload acknowledgedBy acknowledgedAt
       ticket { id title state } deliveries { destination channel status attempts lastError deliveredAt } } } } }`,
);
export const ACKNOWLEDGE = op<{ acknowledgeAlert: { id: string; acknowledgedBy: string | null; acknowledgedAt: string | null } }>(
  `mutation ($id: ID!) { acknowledgeAlert(id: $id) { id acknowledgedBy acknowledgedAt } }`,
);
export const SAVE_RULE = op<{ saveAlertRule: { id: string; customerScope: string; customerIds: string[]; kinds: string[] } }>(
  `mutation ($input: AlertRuleInput!) { saveAlertRule(input: $input) { id customerScope customerIds kinds } }`,
);
export const DELETE_RULE = op<{ deleteAlertRule: boolean }>(`mutation ($id: ID!) { deleteAlertRule(id: $id) }`);
export const RULES = op<{ alertRules: { id: string; destinations: string[] }[] }>(`query { alertRules { id destinations customerScope customerIds } }`);
export const TEST_SEND = op<{ sendTestAlert: { destination: string; delivered: boolean; error: string | null; alertId: string } }>(
  `mutation ($destination: String!) { sendTestAlert(destination: $destination) { destination delivered error alertId } }`,
);
