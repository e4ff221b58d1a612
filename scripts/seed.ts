/**
 * `npm run seed -- --tickets N`: writes N complete tickets (10 audit events each) into the
 * configured database (DATABASE_URL) in batched transactions, printing progress. For benchmarks
 * and large demo sets; `npm start` seeds its few dozen sandbox demo tickets by itself.
 */
import "reflect-metadata";
import { ConfigError, parseConfig } from "../src/config";
import { openDatabase } from "../src/db/data-source";
import { generateSeed } from "../src/emulator/seed.generator";
import { BULK_EVENTS_PER_TICKET, seedBulkTickets } from "../src/reporting/demo/bulk-tickets.seed";

function ticketsArgument(argv: string[]): number {
  const index = argv.indexOf("--tickets");
  if (index === -1) return 1_000;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000) throw new Error("--tickets needs a whole number from 1 to 10000000");
  return value;
}

async function main(): Promise<void> {
  const tickets = ticketsArgument(process.argv.slice(2));
  const config = parseConfig(process.env);
  const customerIds = generateSeed(config.emulator.seed, config.emulator.tenants).tenants.map((tenant) => tenant.id);
  const dataSource = await openDatabase(config.databaseUrl);
  try {
    const started = Date.now();
    let lastReport = 0;
    process.stdout.write(`Seeding ${tickets} tickets (${tickets * BULK_EVENTS_PER_TICKET} audit events) into ${config.databaseUrl.startsWith("sqlite:") ? config.databaseUrl : "PostgreSQL"}\n`);
    const result = await seedBulkTickets({
      dataSource,
      tickets,
      customerIds,
      onProgress: (done, total) => {
        if (done === total || Date.now() - lastReport > 2_000) {
          lastReport = Date.now();
          process.stdout.write(`... ${done}/${total} tickets (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
        }
      },
    });
    process.stdout.write(`Seeded ${result.tickets} tickets and ${result.events} audit events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? "Configuration error: " : "Seed failed: "}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
