import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { expect } from "vitest";
import {
  AddDiagnosisNoteDocument,
  EscalateToMicrosoftDocument,
  OpenTicketDocument,
  StartDiagnosisDocument,
  type OpenTicketInput,
} from "../../generated/graphql";

/** Polls `probe` every 50 ms until it returns a value; fails naming `what` after `timeoutMs` (bounded loop). */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; round < Math.ceil(timeoutMs / 50) + 1; round++) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** A GraphQL runner: `TestGateway.gql` or a client bound to another gateway instance. */
export type GqlRunner = <TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
) => Promise<{ data: TData | null | undefined; errors: unknown[] }>;

/**
 * Opens a technical ticket, starts diagnosis, adds a note and escalates it through Advanced
 * Support for Partners; asserts the escalation was accepted and returns the ticket id.
 */
export async function openDiagnosedAndEscalated(
  gql: GqlRunner,
  ticket: Pick<OpenTicketInput, "customerId" | "title" | "description" | "product" | "severity">,
  supportTopicId: string,
  note: string,
): Promise<string> {
  const opened = await gql(OpenTicketDocument, { input: { ...ticket, category: "TECHNICAL" } });
  expect(opened.errors).toEqual([]);
  const id = opened.data!.openTicket.id;
  await gql(StartDiagnosisDocument, { id, expectedVersion: 1 });
  await gql(AddDiagnosisNoteDocument, { id, expectedVersion: 2, note });
  const escalated = await gql(EscalateToMicrosoftDocument, {
    id,
    expectedVersion: 3,
    input: { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", supportTopicId },
  });
  expect(escalated.errors).toEqual([]);
  return id;
}
