import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { microsoftModeEnv } from "./support/microsoft-mode-env";
import { startApp, type RunningApp } from "../../src/server/app";
import { createLogger } from "../../src/server/logger";
import { RecordServiceRequestNumberDocument, SupportTopicsDocument, TicketDocument } from "../generated/graphql";
import { guardLoopbackOnly, type LoopbackGuard } from "../support/loopback-only";
import type { GraphQLResult } from "./support/test-gateway";
import { openDiagnosedAndEscalated, waitFor } from "./support/ticket-flows";

const DASHBOARD = `{
  customers(first: 100) {
    totalCount
    edges { node { id name delegatedAccess { status } subscriptions { offerName status product } serviceHealth { service status } incidents { id title status } } }
  }
}`;

/** A Partner Center service request as the emulator's control API lists it (either casing while shapes move to camelCase). */
interface ListedServiceRequest {
  id?: string;
  Id?: string;
  description?: string;
  Description?: string;
}
const requestId = (sr: ListedServiceRequest) => sr.id ?? sr.Id;
const requestText = (sr: ListedServiceRequest) => String(sr.description ?? sr.Description ?? "");

/**
 * The gateway in PSG_MODE=microsoft with every Microsoft host pointed at a running emulator
 * (AUTHORITY_HOST, GRAPH_BASE_URL, PARTNER_CENTER_BASE_URL, ARM_BASE_URL, UPSTREAM_CA_FILE):
 * agents sign in with Entra v1.0 and v2.0 tokens, read the dashboard, escalate to Partner Center
 * (API filing and the retired-create path to portal filing) and to Azure Support, and both sync
 * back. Offline: every connection outside loopback is refused and recorded, and must not happen.
 */
describe("microsoft mode end to end against the emulator", () => {
  let guard: LoopbackGuard;
  let emulator: RunningEmulator;
  let app: RunningApp;
  let dataDir: string;
  let dispatcher: Agent;
  const emulatorCalls: string[] = [];
  const tokens: Record<"v1" | "v2", string> = { v1: "", v2: "" };

  const control = async (path: string, body?: unknown): Promise<any> => {
    const response = await undiciFetch(`${emulator.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
    });
    const text = await response.text();
    expect(response.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(300);
    return text ? JSON.parse(text) : null;
  };
  const mintAgentToken = async (version: 1 | 2, name: string): Promise<string> =>
    (await control(`/${emulator.partnerTenantId}/oauth2/v2.0/agent-token`, { requestedAccessTokenVersion: version === 1 ? null : 2, roles: ["HELPDESK_AGENT"], name }))
      .access_token as string;
  const gql = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables> | string, variables?: TVariables, token = tokens.v2): Promise<GraphQLResult<TData>> => {
    const response = await fetch(app.gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: typeof document === "string" ? document : print(document), variables }),
    });
    const body = (await response.json()) as { data?: TData; errors?: GraphQLResult<TData>["errors"] };
    return { status: response.status, data: body.data, errors: body.errors ?? [] };
  };
  const tenant = (index: number) => emulator.seed.tenants.find((item) => item.index === index)!.id;
  const ticket = async (id: string) => (await gql(TicketDocument, { id })).data!.ticket!;
  const waitForState = (id: string, state: string, timeoutMs = 15_000) =>
    waitFor(async () => {
      const current = await ticket(id);
      return current.stateValue === state ? current : null;
    }, state, timeoutMs);
  const serviceRequestsFor = async (ticketId: string) =>
    ((await control("/_emulator/service-requests")).serviceRequests as ListedServiceRequest[]).filter((sr) => requestText(sr).includes(ticketId));

  beforeAll(async () => {
    guard = guardLoopbackOnly();
    dataDir = mkdtempSync(join(tmpdir(), "psg-microsoft-mode-"));
    emulator = await startEmulator({
      port: 0,
      tenants: 6,
      log: (message, fields) => {
        if (message === "emulator request") emulatorCalls.push(`${String(fields?.["method"])} ${String(fields?.["path"])}`);
      },
    });
    dispatcher = new Agent({ connect: { ca: emulator.caCertPem } });
    const caFile = join(dataDir, "upstream-ca.pem");
    writeFileSync(caFile, emulator.caCertPem);
    // README's microsoft-mode setup with every host overridden: nothing here is sandbox wiring.
    const config = parseConfig({
      ...microsoftModeEnv(emulator, dataDir, caFile),
      PARTNER_SUPPORT_VEHICLES: "ADVANCED_SUPPORT_FOR_PARTNERS:ASfP-E2E-0001",
      UPSTREAM_CACHE: "off",
      UPSTREAM_TIMEOUT_MS: "5000",
      UPSTREAM_MAX_RETRIES: "2",
      UPSTREAM_RETRY_BASE_DELAY_MS: "20",
      ESCALATION_WORKERS: "on",
      OUTBOX_POLL_INTERVAL_MS: "100",
      SYNC_INTERVAL_MS: "200",
      OUTBOX_RETRY_BASE_DELAY_MS: "50",
    });
    app = await startApp(config, createLogger("silent"));
    tokens.v1 = await mintAgentToken(1, "Vera Version-One");
    tokens.v2 = await mintAgentToken(2, "Viktor Version-Two");
  });
  afterAll(async () => {
    await app?.close();
    await dispatcher?.close();
    await emulator?.close();
    guard?.release();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("is ready: the app's own token came from the emulator's identity endpoints", async () => {
    const ready = await fetch(`${app.gateway.url}/ready`);
    expect(ready.status).toBe(200);
    expect(emulatorCalls).toContain(`GET /${emulator.partnerTenantId}/v2.0/.well-known/openid-configuration`);
    expect(emulatorCalls).toContain(`POST /${emulator.partnerTenantId}/oauth2/v2.0/token`);
  });

  it("signs agents in with v1.0 and v2.0 access tokens", async () => {
    const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
    expect(claimsOf(tokens.v1).ver).toBe("1.0");
    expect(claimsOf(tokens.v2).ver).toBe("2.0");
    for (const [token, name] of [
      [tokens.v1, "Vera Version-One"],
      [tokens.v2, "Viktor Version-Two"],
    ] as const) {
      const me = await gql("{ me { displayName role } }", undefined, token);
      expect(me.errors).toEqual([]);
      expect(me.data).toEqual({ me: { displayName: name, role: "HELPDESK_AGENT" } });
    }
  });

  it("reads the dashboard: customers, relationships, subscriptions, health and incidents", async () => {
    const result = await gql<any, undefined>(DASHBOARD);
    const codes = new Set(result.errors.map((error) => error.extensions.code));
    // Tenants without a usable relationship or health role answer FORBIDDEN per field, as Graph does.
    expect([...codes].filter((code) => code !== "FORBIDDEN")).toEqual([]);
    const nodes = result.data.customers.edges.map((edge: any) => edge.node);
    expect(result.data.customers.totalCount).toBeGreaterThanOrEqual(4);
    const active = nodes.find((node: any) => node.id === tenant(0));
    expect(active.delegatedAccess.status).toBe("ACTIVE");
    expect(active.subscriptions.length).toBeGreaterThan(0);
    expect(active.serviceHealth.length).toBeGreaterThan(0);
    expect(Array.isArray(active.incidents)).toBe(true);
  });

  it("files a Microsoft 365 escalation through Partner Center on the agent's behalf and syncs it back", async () => {
    const topics = await gql(SupportTopicsDocument, { product: "MICROSOFT_365" });
    expect(topics.errors).toEqual([]);
    const topicId = topics.data!.supportTopics[0]!.id;
    const id = await openDiagnosedAndEscalated(
      (document, variables) => gql(document, variables, tokens.v1),
      { customerId: tenant(0), title: "Mail delayed for all users", description: "External mail arrives hours late.", product: "MICROSOFT_365", severity: "MODERATE" },
      topicId,
      "Message trace shows 4.4.7 deferrals.",
    );
    const filed = await waitForState(id, "escalated.withMicrosoft");
    expect(filed.escalation).toMatchObject({ channel: "PARTNER_CENTER", serviceRequestStatus: "OPEN" });
    const upstream = await serviceRequestsFor(id);
    expect(upstream.map(requestId)).toEqual([filed.escalation!.serviceRequestId]);

    await control(`/_emulator/service-requests/${filed.escalation!.serviceRequestId}/status`, { status: "closed", note: "Fixed a transport rule." });
    const resolved = await waitForState(id, "resolution");
    expect(resolved.escalation!.serviceRequestStatus).toBe("CLOSED");
    expect(await serviceRequestsFor(id)).toHaveLength(1);
  });

  it("falls back to portal filing when Partner Center retires the create call, then syncs the recorded number", async () => {
    const topicId = (await gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics[0]!.id;
    await control("/_emulator/service-requests/create-mode", { mode: "retired" });
    try {
      const id = await openDiagnosedAndEscalated(
        (document, variables) => gql(document, variables),
        { customerId: tenant(0), title: "SharePoint sites read-only", description: "Every site is read-only since this morning.", product: "MICROSOFT_365", severity: "MODERATE" },
        topicId,
        "Site lock state is NoAccess on every site.",
      );
      const awaiting = await waitForState(id, "escalated.awaitingPortalFiling");
      expect(awaiting.escalation).toMatchObject({ channel: "PORTAL", serviceRequestId: null });
      expect(await serviceRequestsFor(id)).toHaveLength(0);
      const portal = await control("/_emulator/service-requests/portal", {
        customerId: tenant(0),
        title: awaiting.escalation!.casePacket!.title,
        description: awaiting.escalation!.casePacket!.description,
      });
      const number = requestId(portal)!;
      const recorded = await gql(RecordServiceRequestNumberDocument, { id, expectedVersion: awaiting.version, serviceRequestId: number });
      expect(recorded.errors).toEqual([]);
      expect(recorded.data!.recordServiceRequestNumber.stateValue).toBe("escalated.withMicrosoft");
      await control(`/_emulator/service-requests/${number}/status`, { status: "closed", note: "Tenant lock removed." });
      await waitForState(id, "resolution");
    } finally {
      await control("/_emulator/service-requests/create-mode", { mode: "accept" });
    }
  });

  it("files an Azure escalation through Azure Support (Azure Resource Manager) and syncs it back", async () => {
    const topics = await gql(SupportTopicsDocument, { product: "AZURE" });
    expect(topics.errors).toEqual([]);
    const topicId = topics.data!.supportTopics[0]!.id;
    const id = await openDiagnosedAndEscalated(
      (document, variables) => gql(document, variables),
      { customerId: tenant(0), title: "VM does not boot", description: "The production VM does not boot.", product: "AZURE", severity: "MODERATE" },
      topicId,
      "Boot diagnostics show a kernel panic after resize.",
    );
    const filed = await waitForState(id, "escalated.withMicrosoft");
    expect(filed.escalation!.channel).toBe("AZURE_SUPPORT");
    const azureTickets = (await control("/_emulator/azure-support-tickets")).supportTickets as { supportTicketId: string; description: string }[];
    expect(azureTickets.filter((item) => item.description.includes(id)).map((item) => item.supportTicketId)).toEqual([filed.escalation!.serviceRequestId]);
    await control(`/_emulator/azure-support-tickets/${filed.escalation!.serviceRequestId}/status`, { status: "closed", note: "Restored from the last good disk." });
    await waitForState(id, "resolution");
  });

  it("made no connection outside loopback and never asked for instance discovery", () => {
    expect(guard.refused).toEqual([]);
    expect(emulatorCalls.filter((call) => /discovery\/instance/.test(call))).toEqual([]);
    // Every identity call the emulator saw is one MSAL makes: OpenID metadata, the token endpoint (app-only and on-behalf-of), keys, agent sign-ins.
    const identity = emulatorCalls.filter((call) => !/ \/(v1\.0|v1|subscriptions|providers|_emulator)(\/|$)/.test(call));
    const shapes = new Set(identity.map((call) => call.replace(/\/[0-9a-f-]{36}\//, "/{tenant}/")));
    expect([...shapes].sort()).toEqual(
      expect.arrayContaining(["GET /{tenant}/v2.0/.well-known/openid-configuration", "POST /{tenant}/oauth2/v2.0/token"]),
    );
    for (const shape of shapes) {
      expect(shape).toMatch(/^(GET \/\{tenant\}\/v2\.0\/\.well-known\/openid-configuration|POST \/\{tenant\}\/oauth2\/v2\.0\/(token|agent-token)|GET \/\{tenant\}\/(discovery\/keys|discovery\/v2\.0\/keys|\.well-known\/openid-configuration))$/);
    }
  });
});
