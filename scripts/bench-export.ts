/**
 * `npm run bench:export [-- --events N]`: seeds N audit events (default 1,000,000) into a fresh
 * SQLite file with the seed command's writer, starts the gateway as its own process, streams
 * `/exports/audit.ndjson` and `/exports/audit.csv` as a support lead, and reports time, size and
 * the gateway's peak RSS growth over its idle baseline (target: < 100 MB).
 */
import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_AGENTS } from "../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../src/auth/sandbox-token";
import { openDatabase } from "../src/db/data-source";
import { generateSeed } from "../src/emulator/seed.generator";
import { BULK_EVENTS_PER_TICKET, seedBulkTickets } from "../src/reporting/demo/bulk-tickets.seed";

const RSS_LIMIT_MB = 100;

function eventsArgument(argv: string[]): number {
  const index = argv.indexOf("--events");
  if (index === -1) return 1_000_000;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < BULK_EVENTS_PER_TICKET) throw new Error(`--events needs a whole number of at least ${BULK_EVENTS_PER_TICKET}`);
  return value;
}

const rssMb = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
};

async function main(): Promise<number> {
  const wanted = eventsArgument(process.argv.slice(2));
  const argv = process.argv.slice(2);
  const given = argv.indexOf("--data-dir") === -1 ? undefined : argv[argv.indexOf("--data-dir") + 1];
  // --data-dir DIR keeps (and reuses) the seeded database, e.g. to rerun the export part alone.
  const dataDir = given ?? mkdtempSync(join(tmpdir(), "psg-bench-export-"));
  const databaseUrl = `sqlite:${join(dataDir, "psg.sqlite")}`;
  try {
    const tickets = Math.ceil(wanted / BULK_EVENTS_PER_TICKET);
    const dataSource = await openDatabase(databaseUrl);
    const seedStarted = Date.now();
    const existing = Number(((await dataSource.query("SELECT COUNT(*) AS n FROM ticket_event")) as Array<{ n: number | string }>)[0]?.n);
    const seeded = existing >= wanted ? { tickets: 0, events: existing } : await seedBulkTickets({
      dataSource,
      tickets,
      customerIds: generateSeed(42, 25).tenants.map((tenant) => tenant.id),
      onProgress: (done, total) => {
        if (done % 20_000 < 500 || done === total) process.stdout.write(`seeding ... ${done}/${total} tickets\n`);
      },
    });
    await dataSource.destroy();
    process.stdout.write(`seeded ${seeded.events} events in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s\n`);

    const gateway = spawn(process.execPath, ["dist/src/server/main.js"], {
      env: { ...process.env, PSG_MODE: "sandbox", PORT: "0", EMULATOR_PORT: "0", DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", DEMO_DATA: "off", ESCALATION_WORKERS: "off" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = "";
        gateway.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(output);
          if (match) resolve(match[1]!);
        });
        gateway.once("exit", (code) => reject(new Error(`gateway exited with ${code}`)));
      });
      const token = await issueSandboxToken(await loadOrCreateSandboxSigningKey(dataDir), DEMO_AGENTS.SUPPORT_LEAD);
      const headers = { authorization: `Bearer ${token}` };
      // Warm up (JIT, connection, first page) before taking the baseline.
      await (await fetch(`${url}/exports/audit.ndjson?eventTypes=OPEN&to=2000-01-01T00:00:00Z`, { headers })).text();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const baseline = rssMb(gateway.pid!);
      let ok = true;
      for (const format of ["ndjson", "csv"] as const) {
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, rssMb(gateway.pid!))), 50);
        const started = Date.now();
        const response = await fetch(`${url}/exports/audit.${format}`, { headers });
        let bytes = 0;
        let lines = 0;
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.byteLength;
          for (const byte of chunk) if (byte === 10) lines += 1;
        }
        clearInterval(sampler);
        peak = Math.max(peak, rssMb(gateway.pid!));
        const seconds = (Date.now() - started) / 1000;
        const rows = format === "csv" ? lines - 1 : lines;
        const growth = peak - baseline;
        ok &&= rows === seeded.events && growth < RSS_LIMIT_MB;
        process.stdout.write(
          `${format}: ${rows} events, ${(bytes / 1048576).toFixed(0)} MB in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} events/s); ` +
            `gateway RSS ${baseline.toFixed(0)} MB -> peak ${peak.toFixed(0)} MB (growth ${growth.toFixed(1)} MB, limit ${RSS_LIMIT_MB} MB)\n`,
        );
      }
      process.stdout.write(ok ? "PASS\n" : "FAIL\n");
      return ok ? 0 : 1;
    } finally {
      if (gateway.exitCode === null) {
        const exited = new Promise((resolve) => gateway.once("exit", resolve));
        gateway.kill("SIGTERM");
        const timer = setTimeout(() => gateway.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    }
  } finally {
    if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
