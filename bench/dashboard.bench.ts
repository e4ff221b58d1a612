import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execute, parse, print, type GraphQLSchema } from "graphql";
import { Agent as UndiciAgent, fetch as undiciFetch } from "undici";
import { DEMO_AGENTS } from "../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../src/auth/sandbox-token";
import { CLOUD_ENDPOINTS } from "../src/cloud/cloud-endpoints";
import type { MicrosoftCloud } from "../src/cloud/ports";
import { parseConfig } from "../src/config";
import { CustomerReads } from "../src/customers/customer-reads";
import type { GraphQLContext, RequestServices } from "../src/graphql/context";
import { buildGatewaySchema } from "../src/graphql/schema";
import { startApp } from "../src/server/app";
import { createLogger } from "../src/server/logger";
import { createSandboxCloud, externalSandboxUpstream, type SandboxUpstream } from "../src/server/sandbox-upstream";
import { elapsedMs, percentile, round, runAutocannon } from "./bench-kit";
import { startEmulatorProcess } from "./emulator-process";

/** The desk dashboard of schema/operations/customers.graphql (every customer, every field). */
export const DASHBOARD_QUERY = print(
  parse(`query Dashboard($first: Int = 100, $after: String) {
  customers(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id name defaultDomain
      delegatedAccess { status roles endsAt }
      subscriptions { id offerName friendlyName quantity status product billingCycle autoRenewEnabled commitmentEndDate }
      serviceHealth { service serviceId product status activeIncidentCount }
      incidents { id title status classification isResolved }
      healthSummary { worstStatus activeIncidentCount affectedServiceCount }
      adminPortals { name product url }
    } }
  }
}`),
);

export interface DashboardResult {
  tenants: number;
  emulatorLatencyMs: number;
  concurrencyCap: number;
  cold: { upstreamCalls: number; tokenRequests: number; latencyP50Ms: number; latencyP99Ms: number; runs: number };
  warm: { upstreamCalls: number; requestsPerSecond: number; latencyP50Ms: number; latencyP99Ms: number; connections: number };
  naive: { upstreamCalls: number; tokenRequests: number };
  overhead: { gatewayRequestsPerSecond: number; bareExecutePerSecond: number; ratio: number };
  targets: { coldCallsMax: number; coldTokensMax: number; coldLatencyMaxMs: number };
}

const LATENCY_MS = 50;
const COLD_RUNS = 5;
const EMULATOR_SEED = 42;

/** One N: cold and warm dashboard, the naive count and the overhead, on a fresh gateway. */
export async function benchDashboard(tenants: number, options: { warmSeconds: number; connections: number }): Promise<DashboardResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "psg-bench-"));
  // Microsoft runs in its own process, as it would: the gateway's event loop serves the gateway only.
  const emulatorProcess = await startEmulatorProcess({ tenants, seed: EMULATOR_SEED, tlsDir: join(dataDir, "emulator-tls") });
  const sandbox = externalSandboxUpstream(emulatorProcess, EMULATOR_SEED);
  const config = parseConfig({
    PSG_MODE: "sandbox",
    PORT: "0",
    EMULATOR_PORT: "0",
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`,
    LOG_LEVEL: "silent",
    EMULATOR_URL: emulatorProcess.url,
    EMULATOR_CA_FILE: emulatorProcess.caCertPath,
    EMULATOR_SEED: String(EMULATOR_SEED),
    UPSTREAM_CACHE: "on",
  });
  const app = await startApp(config, createLogger("silent"));
  const dispatcher = new UndiciAgent({ connect: { ca: sandbox.caCertPem } });
  const emulator = async (path: string, body?: unknown, method?: string) => {
    const response = await undiciFetch(`${sandbox.url}${path}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
    });
    return (await response.json()) as { total: number; tokens: number };
  };
  const token = await issueSandboxToken(await loadOrCreateSandboxSigningKey(dataDir), DEMO_AGENTS.HELPDESK_AGENT);
  const body = JSON.stringify({ query: DASHBOARD_QUERY, variables: { first: 100 } });
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  // Every page of 100 customers, as a desk UI would read them.
  const dashboard = async () => {
    let after: string | null = null;
    do {
      const response = await fetch(app.gateway.graphqlUrl, {
        method: "POST",
        headers,
        body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { first: 100, after } }),
      });
      const json = (await response.json()) as { data?: { customers: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
      if (!json.data) throw new Error(`dashboard failed: ${JSON.stringify(json).slice(0, 300)}`);
      after = json.data.customers.pageInfo.hasNextPage ? json.data.customers.pageInfo.endCursor : null;
    } while (after !== null);
  };

  try {
    // Not measured: the emulator process answers each route once (Microsoft is never a cold
    // process), and the gateway serves a query that reads nothing upstream.
    await warmUpEmulator(sandbox, tenants);
    await graphql(app.gateway.graphqlUrl, headers, "{ me { id } ticketWorkflow { version } }");
    await emulator("/_emulator/latency", { ms: LATENCY_MS });

    // Cold: the first run is cold for tokens too (a fresh process); later runs clear the read cache.
    const coldLatencies: number[] = [];
    await emulator("/_emulator/requests/reset", {});
    let start = process.hrtime.bigint();
    await dashboard();
    coldLatencies.push(elapsedMs(start));
    const firstCold = await emulator("/_emulator/requests");
    for (let run = 1; run < COLD_RUNS; run++) {
      app.cloud.readCache!.clear();
      start = process.hrtime.bigint();
      await dashboard();
      coldLatencies.push(elapsedMs(start));
    }

    // Warm: the cache is full; autocannon (its own process) drives the first page of the dashboard.
    await dashboard();
    await emulator("/_emulator/requests/reset", {});
    const warmLoad = await runAutocannon({
      url: app.gateway.graphqlUrl,
      body,
      headers,
      connections: options.connections,
      durationSeconds: options.warmSeconds,
    });
    if (warmLoad.non2xx > 0 || warmLoad.errors > 0) throw new Error(`warm load had ${warmLoad.non2xx} non-2xx and ${warmLoad.errors} errors`);
    const warmCounts = await emulator("/_emulator/requests");

    // Overhead: the same warm query through bare graphql-js execute on the same schema and cache.
    const schema = await buildGatewaySchema();
    const bare = await bareExecuteRate(schema, app.cloud, options.warmSeconds);

    // Naive: a fresh read model per field (no DataLoader, no cache), counted on the emulator.
    await emulator("/_emulator/requests/reset", {});
    await naiveDashboard(schema, sandbox, tenants);
    const naiveCounts = await emulator("/_emulator/requests");

    return {
      tenants,
      emulatorLatencyMs: LATENCY_MS,
      concurrencyCap: config.upstreamConcurrency,
      cold: {
        upstreamCalls: firstCold.total,
        tokenRequests: firstCold.tokens,
        latencyP50Ms: round(percentile(coldLatencies, 50)),
        latencyP99Ms: round(percentile(coldLatencies, 99)),
        runs: COLD_RUNS,
      },
      warm: {
        upstreamCalls: warmCounts.total,
        requestsPerSecond: round(warmLoad.requestsPerSecond),
        latencyP50Ms: warmLoad.latencyP50Ms,
        latencyP99Ms: warmLoad.latencyP99Ms,
        connections: options.connections,
      },
      naive: { upstreamCalls: naiveCounts.total, tokenRequests: naiveCounts.tokens },
      overhead: {
        gatewayRequestsPerSecond: round(warmLoad.requestsPerSecond),
        bareExecutePerSecond: round(bare),
        ratio: round(warmLoad.requestsPerSecond / bare, 2),
      },
      targets: {
        coldCallsMax: 2 * tenants + 1,
        coldTokensMax: tenants + 1,
        coldLatencyMaxMs: 4 * LATENCY_MS * Math.ceil((2 * tenants + 1) / config.upstreamConcurrency),
      },
    };
  } finally {
    await app.close();
    await dispatcher.close();
    await emulatorProcess.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One read of every route the dashboard uses, straight to the emulator (its own token cache, no gateway). */
async function warmUpEmulator(sandbox: SandboxUpstream, tenants: number): Promise<void> {
  const { cloud, credential } = createSandboxCloud(sandbox, { timeoutMs: 30_000, maxRetries: 2, retryBaseDelayMs: 100, maxConcurrentReads: 32 });
  try {
    const customers = await cloud.customers.listCustomers();
    await cloud.customers.listDelegatedAccess();
    await Promise.allSettled(customers.slice(0, tenants).flatMap((customer) => [cloud.subscriptions.listSubscriptions(customer.id), cloud.health.getTenantHealth(customer.id)]));
  } finally {
    await cloud.close();
    await (credential as { close?: () => Promise<void> }).close?.();
  }
}

async function graphql(url: string, headers: Record<string, string>, query: string): Promise<void> {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query }) });
  const json = (await response.json()) as { errors?: { message: string }[] };
  if (!response.ok || json.errors) throw new Error(`warm-up query failed: ${JSON.stringify(json).slice(0, 300)}`);
}

function requestContext(reads: () => CustomerReads): GraphQLContext {
  const context = {
    agent: DEMO_AGENTS.HELPDESK_AGENT,
    requestId: "bench",
    log: createLogger("silent"),
    portalHosts: CLOUD_ENDPOINTS.public.portals,
    services: {} as RequestServices, // the dashboard reads no tickets
  } as Omit<GraphQLContext, "reads">;
  return Object.defineProperty(context, "reads", { get: reads, enumerable: true }) as GraphQLContext;
}

/** Executions per second of the first dashboard page with graphql-js alone (result serialised as JSON, like a response). */
export async function bareExecuteRate(schema: GraphQLSchema, cloud: MicrosoftCloud, seconds: number): Promise<number> {
  const document = parse(DASHBOARD_QUERY);
  const deadline = process.hrtime.bigint() + BigInt(seconds) * 1_000_000_000n;
  const start = process.hrtime.bigint();
  let executions = 0;
  while (process.hrtime.bigint() < deadline) {
    const reads = new CustomerReads(cloud);
    const result = await execute({ schema, document, variableValues: { first: 100 }, contextValue: requestContext(() => reads) });
    if (result.errors?.some((error) => error.extensions["code"] === "INTERNAL")) throw new Error(`bare execute failed: ${result.errors[0]?.message}`);
    JSON.stringify(result);
    executions += 1;
  }
  return executions / (elapsedMs(start) / 1000);
}

/**
 * The naive baseline, measured: the dashboard executed with a new, uncached read model for every
 * field access (so each field of each tenant makes its own upstream call, as a resolver-per-field
 * gateway would), against an uncached cloud with its own token credential.
 */
async function naiveDashboard(schema: GraphQLSchema, sandbox: SandboxUpstream, tenants: number): Promise<void> {
  const { cloud: uncached, credential } = createSandboxCloud(sandbox, { timeoutMs: 30_000, maxRetries: 2, retryBaseDelayMs: 100 });
  try {
    const document = parse(DASHBOARD_QUERY);
    for (let after: string | null = null, page = 0; page < Math.ceil(tenants / 100); page++) {
      const result = await execute({
        schema,
        document,
        variableValues: { first: 100, after },
        contextValue: requestContext(() => new CustomerReads(uncached)),
      });
      const customers = (result.data as { customers?: { pageInfo: { endCursor: string | null } } } | null)?.customers;
      if (!customers) throw new Error(`naive dashboard failed: ${result.errors?.[0]?.message}`);
      after = customers.pageInfo.endCursor;
    }
  } finally {
    await uncached.close();
    await (credential as { close?: () => Promise<void> }).close?.();
  }
}
