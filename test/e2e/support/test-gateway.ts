import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { Agent as UndiciAgent } from "undici";
import { callEmulator } from "./emulator-call";
import { AGENT_ROLES, type AgentRole } from "../../../src/auth/agent";
import { DEMO_AGENTS } from "../../../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../../../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../../../src/auth/sandbox-token";
import { parseConfig, type Config } from "../../../src/config";
import { createScratchPostgresDatabase, LOCAL_POSTGRES_ADMIN_URLS, type ScratchDatabase } from "../../support/scratch-postgres-database";
import type { RunningEmulator } from "../../../src/emulator";
import { startApp, type RunningApp } from "../../../src/server/app";
import { createLogger } from "../../../src/server/logger";
import { seedTestKeyMaterial } from "../../support/test-key-material";

export interface GraphQLResult<TData> {
  status: number;
  data: TData | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> & { code: string } }[];
}

export interface TestGateway {
  app: RunningApp;
  config: Config;
  dataDir: string;
  tokens: Record<AgentRole, string>;
  /** Runs a typed operation over real HTTP as a role (default HELPDESK_AGENT) or with a raw token. */
  gql<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    as?: { role?: AgentRole; token?: string | null },
  ): Promise<GraphQLResult<TData>>;
  /** Calls the emulator (control API included) trusting its certificate for this call only. */
  emulator(path: string, body?: unknown, method?: string): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export type TestDatabaseKind = "sqlite" | "postgres";

/** A fresh PostgreSQL database for one suite; fails loudly when PostgreSQL is not running. */
export async function createPostgresDatabase(): Promise<ScratchDatabase> {
  const adminUrls = process.env.TEST_POSTGRES_URL ? [process.env.TEST_POSTGRES_URL] : LOCAL_POSTGRES_ADMIN_URLS;
  try {
    return await createScratchPostgresDatabase("psg_e2e", adminUrls);
  } catch (error) {
    throw new Error(`PostgreSQL is required for this suite: ${(error as Error).message}`);
  }
}

/**
 * Starts the whole gateway in sandbox mode on loopback (port 0), with its emulator, a fresh
 * SQLite file or PostgreSQL database, and a token for each demo agent.
 */
export async function startTestGateway(
  options: {
    database?: TestDatabaseKind;
    env?: Record<string, string>;
    /** Use this already running emulator (EMULATOR_URL) instead of starting one in-process. */
    emulator?: RunningEmulator;
    /** Share this database (e.g. one PostgreSQL database for several gateways); the caller drops it. */
    databaseUrl?: string;
  } = {},
): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), "psg-e2e-"));
  // Committed test-only keys and certificate: the start loads them instead of generating them.
  seedTestKeyMaterial(dataDir);
  const postgres = options.databaseUrl === undefined && options.database === "postgres" ? await createPostgresDatabase() : null;
  const external = options.emulator;
  if (external) writeFileSync(join(dataDir, "emulator-ca.pem"), external.caCertPem);
  const config = parseConfig({
    PSG_MODE: "sandbox",
    PORT: "0",
    EMULATOR_PORT: "0",
    DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl ?? postgres?.url ?? `sqlite:${join(dataDir, "psg.sqlite")}`,
    LOG_LEVEL: "silent",
    UPSTREAM_TIMEOUT_MS: "5000",
    UPSTREAM_MAX_RETRIES: "2",
    UPSTREAM_RETRY_BASE_DELAY_MS: "20",
    // Tests change emulator state (faults, incidents) between queries and expect to see it at
    // once; suites about the cross-request cache turn it on with { env: { UPSTREAM_CACHE: "on" } }.
    UPSTREAM_CACHE: "off",
    // Suites that escalate turn the outbox worker and status sync on (with short intervals);
    // the others do not poll the database and the emulator in the background.
    ESCALATION_WORKERS: "off",
    // Suites count upstream calls and hammer single tenants: no background refresher, no
    // emulated Microsoft rate limits unless a suite asks for them (test/performance/read-refresher).
    REFRESHER_ENABLED: "off",
    EMULATOR_THROTTLING: "off",
    // Alerts (issue 18) write outbox jobs and deliver in the background; suites about alerts turn them on.
    ALERTS: "off",
    ALERT_WORKERS: "off",
    ALERT_SINK: "off",
    ...(external ? { EMULATOR_URL: external.url, EMULATOR_CA_FILE: join(dataDir, "emulator-ca.pem") } : {}),
    ...options.env,
  });
  const app = await startApp(config, createLogger("silent"));
  const key = await loadOrCreateSandboxSigningKey(dataDir);
  const tokens = {} as Record<AgentRole, string>;
  for (const role of AGENT_ROLES) tokens[role] = await issueSandboxToken(key, DEMO_AGENTS[role]);
  const emulator = external ?? app.emulator!;
  const dispatcher = new UndiciAgent({ connect: { ca: emulator.caCertPem } });

  return {
    app,
    config,
    dataDir,
    tokens,
    async gql(document, variables, as = {}) {
      const token = as.token === undefined ? tokens[as.role ?? "HELPDESK_AGENT"] : as.token;
      const response = await fetch(app.gateway.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLResult<unknown>["errors"] };
      return { status: response.status, data: body.data as never, errors: body.errors ?? [] };
    },
    async emulator(path, body, method) {
      return callEmulator(emulator.url, dispatcher, path, body, method);
    },
    async close() {
      await app.close();
      await dispatcher.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fails the test when any error came back as INTERNAL: user mistakes must have their own code. */
export function expectNoInternalErrors(result: GraphQLResult<unknown>): void {
  const internal = result.errors.filter((error) => error.extensions.code === "INTERNAL");
  if (internal.length > 0) throw new Error(`INTERNAL errors: ${JSON.stringify(internal)}`);
}
