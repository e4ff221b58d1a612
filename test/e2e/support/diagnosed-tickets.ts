import { AddDiagnosisNoteDocument, OpenTicketDocument, StartDiagnosisDocument } from "../../generated/graphql";
import type { TestGateway } from "./test-gateway";

/** Opens one Microsoft 365 ticket per title for `customerId` and takes each into diagnosis with a note (3 events each). */
export async function openDiagnosedTickets(gw: TestGateway, customerId: string, titles: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const title of titles) {
    const opened = (
      await gw.gql(OpenTicketDocument, {
        input: { customerId, title, description: "Reported by the customer's IT lead.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MINIMAL" },
      })
    ).data!.openTicket;
    await gw.gql(StartDiagnosisDocument, { id: opened.id, expectedVersion: 1 });
    await gw.gql(AddDiagnosisNoteDocument, { id: opened.id, expectedVersion: 2, note: "Seen on three laptops." });
    ids.push(opened.id);
  }
  return ids;
}
