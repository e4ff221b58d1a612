/**
 * `npm run audit:verify [-- --ticket ID]`: re-checks every ticket's hash chain and replays its
 * events through the ticket machine, comparing with the stored snapshot. Prints a summary;
 * exits 1 on the first mismatch, naming the ticket and sequence.
 */
import "reflect-metadata";
import { ConfigError, parseConfig } from "../src/config";
import { openDatabase } from "../src/db/data-source";
import { verifyAuditTrail } from "../src/tickets/audit-verifier";
import { TicketStore } from "../src/tickets/ticket.store";

function ticketArgument(argv: string[]): string | undefined {
  const index = argv.indexOf("--ticket");
  if (index === -1) return undefined;
  const id = argv[index + 1];
  if (!id || id.startsWith("--")) throw new Error("--ticket needs a ticket id");
  return id;
}

async function main(): Promise<number> {
  const ticketId = ticketArgument(process.argv.slice(2));
  const config = parseConfig(process.env);
  const dataSource = await openDatabase(config.databaseUrl);
  try {
    const started = Date.now();
    const report = await verifyAuditTrail(new TicketStore(dataSource), {
      ticketId,
      onProgress: (count) => process.stderr.write(`... ${count} tickets verified\n`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (report.failure) {
      const { ticketId: failed, sequence, reason } = report.failure;
      process.stdout.write(`Audit verification FAILED for ticket ${failed} at sequence ${sequence}: ${reason}\n`);
      process.stdout.write(`(checked ${report.ticketsChecked} tickets, ${report.eventsChecked} events before stopping)\n`);
      return 1;
    }
    process.stdout.write(
      `Audit verification passed: ${report.ticketsChecked} tickets, ${report.eventsChecked} events; ` +
        `hash chains intact and every replay matches its stored snapshot (${seconds}s).\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? `Configuration error: ${error.message}` : `audit:verify failed: ${String(error instanceof Error ? error.message : error)}`}\n`);
    process.exit(2);
  },
);
