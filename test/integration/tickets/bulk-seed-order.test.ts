import { expect, it } from "vitest";
import { seedBulkTickets } from "../../../src/reporting/demo/bulk-tickets.seed";
import { verifyAnchoredAuditTrail } from "../../../src/tickets/audit-verifier";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { openTestDatabase } from "../db/support/test-database";

// 1,200 tickets over 90 days open every 1.8 h while each one's 9 events span 9 h: batches overlap in time.
it("bulk seeding across overlapping batches yields a forward-running, verifiable global chain", async () => {
  const { dataSource, close } = await openTestDatabase("sqlite");
  try {
    await seedBulkTickets({ dataSource, tickets: 1_200, customerIds: ["c1", "c2"], batchSize: 500 });
    const report = await verifyAnchoredAuditTrail(new TicketStore(dataSource));
    expect(report.findings.slice(0, 3)).toEqual([]);
    expect(report).toMatchObject({ ticketsChecked: 1_200, eventsChecked: 10_800, globalSequence: 10_800 });
  } finally {
    await close();
  }
}, 120_000);
