import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { print } from "graphql";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../../src/auth/sandbox-token";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import {
  SupportTopicsDocument,
  TicketDocument,
} from "../generated/graphql";
import { createPostgresDatabase, startTestGateway, type TestGateway } from "./support/test-gateway";
import { openDiagnosedAndEscalated, waitFor, type GqlRunner } from "./support/ticket-flows";


/** Open a technical M365 ticket, diagnose it with a note, escalate via ASfP; returns the ticket id. */
const escalate = (gql: GqlRunner, customerId: string, topicId: string, title: string): Promise<string> =>
  openDiagnosedAndEscalated(
    gql,
    { customerId, title, description: "Users cannot sign in to Outlook.", product: "MICROSOFT_365", severity: "MODERATE" },
    topicId,
    "Repro with a test account.",
  );

// Gateways sharing a database share the key ring of the stored sign-ins (README "Stored sign-ins").
const WORKERS = { ASSERTION_KEY: randomBytes(32).toString("base64"), ESCALATION_WORKERS: "on", OUTBOX_POLL_INTERVAL_MS: "100", OUTBOX_LEASE_MS: "5000", SYNC_INTERVAL_MS: "5000", OUTBOX_RETRY_BASE_DELAY_MS: "50" };

describe("4 gateway instances on one PostgreSQL database", () => {
  let emulator: RunningEmulator;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tenants: 4 });
    database = await createPostgresDatabase();
    // One after another: the first runs the migrations, the others find them applied.
    for (let i = 0; i < 4; i++) gateways.push(await startTestGateway({ emulator, databaseUrl: database.url, env: WORKERS }));
  }, 60_000);
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    await database?.drop();
    await emulator?.close();
  });

  it("escalating 50 tickets files exactly 50 service requests, each job run once", async () => {
    const customerId = emulator.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    const topicId = (await gateways[0]!.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics[0]!.id;
    const ids: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) => {
            const gw = gateways[(batch * 10 + i) % 4]!;
            return escalate((document, variables) => gw.gql(document, variables), customerId, topicId, `Sign-in loop ${batch * 10 + i}`);
          }),
        )),
      );
    }
    const control = gateways[0]!;
    const all = await waitFor(async () => {
      const list = (await control.emulator("/_emulator/service-requests")).json.serviceRequests as any[];
      return list.length >= 50 ? list : null;
    }, "50 service requests");
    expect(all).toHaveLength(50);
    expect(new Set(all.map((sr) => sr.createdWithRequestId)).size).toBe(50);
    for (const id of ids) expect(all.filter((sr) => String(sr.description).includes(id))).toHaveLength(1);

    const tickets = await waitFor(async () => {
      const current = await Promise.all(ids.map(async (id) => (await control.gql(TicketDocument, { id })).data!.ticket!));
      return current.every((ticket) => ticket.stateValue === "escalated.withMicrosoft") ? current : null;
    }, "every ticket in escalated.withMicrosoft");
    const byTicket = new Map(all.map((sr) => [String(sr.description).match(/Ticket reference: PSG-(\S+)/)?.[1], sr.id]));
    for (const ticket of tickets) expect(ticket.escalation!.serviceRequestId).toBe(byTicket.get(ticket.id));

    const jobs = (await control.app.dataSource.query(
      "SELECT ticket_id, attempts, status FROM outbox_job WHERE kind = 'FILE_SERVICE_REQUEST'",
    )) as { ticket_id: string; attempts: unknown; status: string }[];
    expect(jobs).toHaveLength(50);
    expect(jobs.every((job) => Number(job.attempts) === 1 && job.status === "done")).toBe(true);
    const filed = (await control.app.dataSource.query("SELECT COUNT(*) AS n FROM ticket_event WHERE type = 'MARK_FILED'")) as { n: unknown }[];
    expect(Number(filed[0]!.n)).toBe(50);
  }, 90_000);
});

/** The real gateway process (dist/, built by test/global-setup.ts) against an emulator it does not own. */
function startGatewayProcess(env: Record<string, string>): Promise<{ child: ChildProcess; graphqlUrl: string }> {
  const child = spawn(process.execPath, ["dist/src/server/main.js"], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${err}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /GraphQL:\s+(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, graphqlUrl: match[1]! });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}: ${err}`));
    });
  });
}

describe("gateway process killed with SIGKILL right after the upstream create", () => {
  let emulator: RunningEmulator;
  let dataDir: string;
  let dispatcher: Agent;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "psg-crash-"));
    emulator = await startEmulator({ port: 0, tenants: 3 });
    writeFileSync(join(dataDir, "emulator-ca.pem"), emulator.caCertPem);
    dispatcher = new Agent({ connect: { ca: emulator.caCertPem } });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await dispatcher?.close();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const control = async (path: string, body?: unknown) => {
    const response = await undiciFetch(`${emulator.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
    });
    return (await response.json()) as any;
  };

  it("restarted on the same SQLite file, it records the one request Microsoft created", async () => {
    const env = {
      PSG_MODE: "sandbox",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`,
      EMULATOR_URL: emulator.url,
      EMULATOR_CA_FILE: join(dataDir, "emulator-ca.pem"),
      LOG_LEVEL: "silent",
      DEMO_DATA: "off",
      UPSTREAM_CACHE: "off",
      UPSTREAM_TIMEOUT_MS: "60000", // the hanging create must still be in flight when the process dies
      ESCALATION_WORKERS: "on",
      OUTBOX_POLL_INTERVAL_MS: "100",
      OUTBOX_LEASE_MS: "1000",
      SYNC_INTERVAL_MS: "500",
    };
    const key = await loadOrCreateSandboxSigningKey(dataDir);
    const token = await issueSandboxToken(key, DEMO_AGENTS.HELPDESK_AGENT);
    const gqlAt =
      (url: string): GqlRunner =>
      async (document, variables) => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: print(document), variables }),
        });
        const body = (await response.json()) as { data?: any; errors?: unknown[] };
        return { data: body.data, errors: body.errors ?? [] };
      };

    const first = await startGatewayProcess(env);
    children.push(first.child);
    const gql = gqlAt(first.graphqlUrl);
    const customerId = emulator.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    const topicId = (await gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics[0]!.id;
    // Microsoft applies the create but its answer never arrives.
    await control("/_emulator/service-requests/create-mode", { mode: "accept-then-hang" });
    const id = await escalate(gql, customerId, topicId, "Outlook sign-in loop after MFA");
    const mine = async () => ((await control("/_emulator/service-requests")).serviceRequests as any[]).filter((sr) => String(sr.description).includes(id));
    await waitFor(async () => ((await mine()).length > 0 ? true : null), "the upstream create");
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;
    await control("/_emulator/service-requests/create-mode", { mode: "accept" });

    const second = await startGatewayProcess(env);
    children.push(second.child);
    const after = gqlAt(second.graphqlUrl);
    const ticket = await waitFor(async () => {
      const current = (await after(TicketDocument, { id })).data!.ticket!;
      return current.stateValue === "escalated.withMicrosoft" ? current : null;
    }, "escalated.withMicrosoft after the restart");
    const requests = await mine();
    expect(requests).toHaveLength(1);
    expect(ticket.escalation!.serviceRequestId).toBe(requests[0].id);
    const exitedAgain = new Promise((resolve) => second.child.once("exit", resolve));
    second.child.kill("SIGTERM");
    expect(await exitedAgain).toBe(0);
  }, 60_000);
});

