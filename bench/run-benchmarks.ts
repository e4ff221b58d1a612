import "reflect-metadata";
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { printTable } from "./bench-kit";
import { benchDashboard, type DashboardResult } from "./dashboard.bench";
import { benchInstances, type InstancesResult } from "./instances.bench";
import { benchScale, type ScaleResult } from "./scale.bench";
import { benchCommitFloor, benchTickets, repeatedTicketRuns, type TicketsResult } from "./tickets.bench";

/**
 * `npm run bench`: the dashboard, overhead and tickets benchmarks (issue 7). Prints three tables
 * and writes bench/results/<timestamp>.json. Options by environment: BENCH_TENANTS (default
 * "25,100,200"), BENCH_WARM_SECONDS (5), BENCH_CONNECTIONS (4), BENCH_TICKETS (tickets per client, 100),
 * BENCH_TICKET_REPEATS (runs per ticket configuration, 3; the table shows the median run and the range),
 * BENCH_ONLY=tickets (only the tickets table, both databases).
 */
/** What one child process measures: each benchmark runs in a fresh process, unaffected by the others' heaps. */
type Section =
  | { kind: "dashboard"; tenants: number; warmSeconds: number; connections: number }
  | { kind: "tickets"; database: "sqlite" | "postgres"; clients: number; ticketsPerClient: number }
  | { kind: "commitFloor"; commits: number }
  | { kind: "scale"; tenants: number; holdSeconds: number; maxWarmUpSeconds: number; samples: number; warmSeconds: number; connections: number }
  | { kind: "instances"; instances: number; tenants: number; windowSeconds: number };

function measure(section: Section): Promise<unknown> {
  switch (section.kind) {
    case "dashboard":
      return benchDashboard(section.tenants, section);
    case "tickets":
      return benchTickets(section.database, section.clients, section.ticketsPerClient);
    case "commitFloor":
      return benchCommitFloor(section.commits);
    case "scale":
      return benchScale(section.tenants, section);
    case "instances":
      return benchInstances(section.instances, section.tenants, section.windowSeconds);
  }
}

/** Runs `section` in a child process (this script with --section) and returns its result. */
function inChildProcess<T>(section: Section): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["--section", JSON.stringify(section)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on("message", (message) => (result = message as typeof result));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (result?.ok) resolve(result.value);
      else reject(new Error(`benchmark ${section.kind} failed (exit ${code}): ${result?.error ?? "no result"}`));
    });
  });
}

async function runSection(json: string): Promise<void> {
  try {
    const value = await measure(JSON.parse(json) as Section);
    process.send!({ ok: true, value }, () => process.exit(0));
  } catch (error) {
    process.send!({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1));
  }
}

async function main(): Promise<void> {
  const tenantCounts = (process.env.BENCH_TENANTS ?? "25,100,200").split(",").map((value) => Number(value.trim()));
  const warmSeconds = Number(process.env.BENCH_WARM_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
  const ticketsPerClient = Number(process.env.BENCH_TICKETS ?? 100);
  const ticketRepeats = Number(process.env.BENCH_TICKET_REPEATS ?? 3);
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version, platform: process.platform };
  const startedAt = new Date().toISOString();
  console.log(`Partner Support Gateway benchmarks - ${startedAt} - ${machine.cores} cores (${machine.cpu}), Node ${machine.node}`);

  // BENCH_ONLY=scale: the 5,000-tenant table alone (BENCH_SCALE_TENANTS, BENCH_SCALE_HOLD_SECONDS,
  // BENCH_SCALE_MAX_WARMUP_SECONDS).
  const only = process.env.BENCH_ONLY;
  const scale = only === "tickets" || only === "instances" ? undefined : await runScale(warmSeconds, connections);
  const instances = only === "tickets" ? undefined : await runInstances();
  if (only === "scale" || only === "instances") {
    writeResults(startedAt, machine, { scale, instances });
    return;
  }

  const ticketsOnly = process.env.BENCH_ONLY === "tickets";
  const dashboards: DashboardResult[] = [];
  for (const tenants of ticketsOnly ? [] : tenantCounts) {
    console.error(`dashboard: ${tenants} tenants ...`);
    dashboards.push(await inChildProcess<DashboardResult>({ kind: "dashboard", tenants, warmSeconds, connections }));
  }
  if (!ticketsOnly) printTable(
    `Dashboard (emulator latency ${dashboards[0]?.emulatorLatencyMs ?? 50} ms, concurrency cap ${dashboards[0]?.concurrencyCap ?? 32}; cold = every page, warm = first page of 100)`,
    dashboards.map((d) => ({
      tenants: d.tenants,
      "cold calls": `${d.cold.upstreamCalls} (<= ${d.targets.coldCallsMax})`,
      "cold tokens": `${d.cold.tokenRequests} (<= ${d.targets.coldTokensMax})`,
      "naive calls": d.naive.upstreamCalls,
      "naive tokens": d.naive.tokenRequests,
      "cold p50 ms": d.cold.latencyP50Ms,
      "cold p99 ms": `${d.cold.latencyP99Ms} (<= ${d.targets.coldLatencyMaxMs})`,
      "warm calls": d.warm.upstreamCalls,
      "warm req/s": d.warm.requestsPerSecond,
      "warm p50 ms": d.warm.latencyP50Ms,
      "warm p99 ms": d.warm.latencyP99Ms,
    })),
  );
  if (!ticketsOnly) printTable(
    `Overhead: warm dashboard page through the full gateway (HTTP, auth, Apollo, autocannon ${connections} connections in a child process) vs bare graphql-js execute, same schema and cache (target ratio >= 0.6)`,
    dashboards.map((d) => ({
      tenants: d.tenants,
      "gateway req/s": d.overhead.gatewayRequestsPerSecond,
      "bare execute/s": d.overhead.bareExecutePerSecond,
      ratio: d.overhead.ratio,
    })),
  );

  const tickets: TicketsResult[] = [];
  for (const database of ["sqlite", "postgres"] as const) {
    for (const clients of [1, 4]) {
      console.error(`tickets: ${database}, ${clients} client(s) ...`);
      tickets.push(
        await repeatedTicketRuns(ticketRepeats, () => inChildProcess<TicketsResult>({ kind: "tickets", database, clients, ticketsPerClient })),
      );
    }
  }
  printTable(
    `Tickets: open + 5 transitions per ticket, each with its hash-chained audit event; median of ${ticketRepeats} runs on fresh databases (targets: SQLite 4 clients >= 1,000/s with p99 <= 10 ms, 1 client >= 800/s; PostgreSQL 4 clients >= 1,000/s, 1 client >= 300/s)`,
    tickets.map((t) =>
      t.skipped
        ? { database: t.database, clients: t.clients, tickets: "-", transitions: "-", "transitions/s": "skipped", "p50 ms": "-", "p99 ms": t.skipped, "writes per commit": "-", "statements per transition": "-", "runs: transitions/s, p99 ms": "-" }
        : {
            database: t.database,
            clients: t.clients,
            tickets: t.tickets,
            transitions: t.transitions,
            "transitions/s": t.transitionsPerSecond,
            "p50 ms": t.latencyP50Ms,
            "p99 ms": t.latencyP99Ms,
            "writes per commit": t.writesPerCommit ?? 1,
            "statements per transition": t.roundTripsPerTransition ?? "-",
            "runs: transitions/s, p99 ms": (t.runs ?? []).map((r) => `${r.transitionsPerSecond} / ${r.latencyP99Ms}`).join("; "),
          },
    ),
  );

  if (ticketsOnly) return;
  console.error("tickets: SQLite commit floor ...");
  const commitFloor = await inChildProcess<Awaited<ReturnType<typeof benchCommitFloor>>>({ kind: "commitFloor", commits: 2_000 });
  printTable(
    "For scale, the disk: durable single-row SQLite commits with the gateway's pragmas (WAL, synchronous=FULL), one after another (a transition commits about ten pages: ticket, event, indexes)",
    [{ "commits/s": commitFloor.commitsPerSecond, "p50 ms": commitFloor.commitP50Ms, "p99 ms": commitFloor.commitP99Ms }],
  );

  writeResults(startedAt, machine, { dashboards, tickets, commitFloor, scale, instances });
}

function writeResults(startedAt: string, machine: Record<string, unknown>, results: Record<string, unknown>): void {
  const dir = join(__dirname, "..", "..", "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt, machine, ...results }, null, 2)}\n`);
  console.log(`\nResults written to ${file}`);
}

/** The `scale` table (issue 19): 5,000 tenants, refresher warm-up and hold, warm reads from its cache. */
async function runScale(warmSeconds: number, connections: number): Promise<ScaleResult> {
  const tenants = Number(process.env.BENCH_SCALE_TENANTS ?? 5000);
  const holdSeconds = Number(process.env.BENCH_SCALE_HOLD_SECONDS ?? 60);
  const maxWarmUpSeconds = Number(process.env.BENCH_SCALE_MAX_WARMUP_SECONDS ?? 900);
  console.error(`scale: ${tenants} tenants ...`);
  const s = await inChildProcess<ScaleResult>({ kind: "scale", tenants, holdSeconds, maxWarmUpSeconds, samples: 50, warmSeconds, connections });
  printTable(`Scale (${s.tenants} tenants, emulator ${s.emulatorLatencyMs} ms with Microsoft's rate limits; one instance)`, [
    {
      "warm-up s": s.warmUp.firstPassSeconds ?? `> ${s.warmUp.maxWarmUpSeconds} (${s.warmUp.coveredAtEnd} covered)`,
      "calls/min (ceiling)": `${s.warmUp.refresherCallsPerMinute} (${s.limits.refresherCeilingPerMinute})`,
      "429s": Object.values(s.warmUp.throttled).reduce((a, b) => a + b, 0),
      [`covered after ${s.hold.seconds} s`]: `${s.hold.coveredAtEnd} / ${s.tenants}`,
      "oldest entry s": s.hold.oldestEntryAgeSeconds,
      "hold calls/min": s.hold.callsPerMinute,
      "page100 p50/p99 ms": `${s.page100.p50Ms} / ${s.page100.p99Ms}`,
      "board p50/p99 ms": `${s.board.p50Ms} / ${s.board.p99Ms} (${s.board.incidents} incidents)`,
      "warm req/s vs bare": `${s.warm.gatewayRequestsPerSecond} vs ${s.warm.bareExecutePerSecond} (${s.warm.ratio}x)`,
      "warm req/s, response cache": `${s.warm.responseCacheRequestsPerSecond} (${s.warm.responseCacheRatio}x bare)`,
      "RSS MB cached / after load": `${s.rssHeldMb} / ${s.rssMb}`,
    },
  ]);
  return s;
}

/**
 * The `scale` table's instances rows (issue 19): 1 and BENCH_SCALE_INSTANCES (default 3) gateways
 * on PostgreSQL + Redis over BENCH_SCALE_INSTANCES_TENANTS tenants (default 1,000), upstream
 * calls per minute of all instances together over BENCH_SCALE_INSTANCES_SECONDS (default 120).
 */
async function runInstances(): Promise<{ one: InstancesResult; many: InstancesResult; ratio: number }> {
  const count = Number(process.env.BENCH_SCALE_INSTANCES ?? 3);
  const tenants = Number(process.env.BENCH_SCALE_INSTANCES_TENANTS ?? 1000);
  const windowSeconds = Number(process.env.BENCH_SCALE_INSTANCES_SECONDS ?? 120);
  console.error(`scale: 1 and ${count} instances on PostgreSQL + Redis, ${tenants} tenants ...`);
  const one = await inChildProcess<InstancesResult>({ kind: "instances", instances: 1, tenants, windowSeconds });
  const many = await inChildProcess<InstancesResult>({ kind: "instances", instances: count, tenants, windowSeconds });
  const ratio = one.upstreamCallsPerMinute > 0 ? Math.round((many.upstreamCallsPerMinute / one.upstreamCallsPerMinute) * 100) / 100 : Number.NaN;
  printTable(`Scale: several instances (${tenants} tenants, PostgreSQL + Redis, shared read cache, one refresher under a lease; ${windowSeconds} s after the first pass, a customers page every 250 ms round-robin)`, [one, many].map((r) => ({
    instances: r.instances,
    "upstream calls/min": r.upstreamCallsPerMinute,
    "vs 1 instance": one.upstreamCallsPerMinute > 0 ? `${Math.round((r.upstreamCallsPerMinute / one.upstreamCallsPerMinute) * 100) / 100}x` : "-",
    "pages served": r.dashboardRequests,
    "refreshers running": r.refreshersRunning,
    "429s": r.throttled,
  })));
  return { one, many, ratio };
}

if (process.argv[2] === "--section") {
  void runSection(process.argv[3] ?? "{}");
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
