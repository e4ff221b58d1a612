import { randomBytes } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import { print } from "graphql";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { StartDiagnosisDocument, OpenTicketDocument, TicketEventsDocument, type TicketEventsSubscription } from "../generated/graphql";
import { startTestGateway, type TestGateway } from "./support/test-gateway";

type Received = { data?: TicketEventsSubscription | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** A graphql-ws client on a gateway, as a role, collecting what each subscription receives. */
function wsClient(gw: TestGateway, token: string): Client {
  return createClient({
    url: gw.app.gateway.graphqlUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
}

function subscribe(client: Client, variables: { ticketId?: string; customerId?: string }) {
  const received: Received[] = [];
  let completed = false;
  const dispose = client.subscribe<TicketEventsSubscription>(
    { query: print(TicketEventsDocument), variables },
    { next: (value) => void received.push(value as Received), error: (error) => void received.push({ errors: [{ message: closeMessage(error) }] }), complete: () => (completed = true) },
  );
  return { received, dispose, isCompleted: () => completed };
}

/** graphql-ws reports a closed socket as its CloseEvent. */
function closeMessage(error: unknown): string {
  const close = error as { code?: unknown; reason?: unknown };
  return typeof close.code === "number" ? `closed ${close.code} ${String(close.reason)}` : String(error);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; round < 1_000 && Date.now() < deadline; round++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("live ticket events across two gateway instances (PostgreSQL + Redis)", () => {
  let a: TestGateway;
  let b: TestGateway;
  const prefix = `psg-test-${randomBytes(4).toString("hex")}:`;
  const clients: Client[] = [];
  let customerId: string;
  let otherCustomerId: string;
  let noAccessCustomerId: string;

  beforeAll(async () => {
    const env = { REDIS_URL: "redis://127.0.0.1:6379", REDIS_CHANNEL_PREFIX: prefix, ESCALATION_WORKERS: "off" };
    a = await startTestGateway({ database: "postgres", env });
    b = await startTestGateway({ env: { ...env, DATABASE_URL: a.config.databaseUrl } });
    const tenants = a.app.emulator!.seed.tenants;
    customerId = tenants.find((tenant) => tenant.index === 0)!.id;
    otherCustomerId = tenants.find((tenant) => tenant.index === 6)!.id;
    noAccessCustomerId = tenants.find((tenant) => tenant.index === 3)!.id;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await b?.close();
    await a?.close();
  });

  const open = async (gw: TestGateway, customer: string) => {
    const result = await gw.gql(OpenTicketDocument, {
      input: { customerId: customer, title: "Teams calls drop", description: "Calls drop after a minute.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" },
    });
    expect(result.errors).toEqual([]);
    return result.data!.openTicket;
  };

  it("delivers a transition made on instance B to a subscriber on instance A within a second", async () => {
    const ticket = await open(b, customerId);
    const leadOnA = wsClient(a, a.tokens.SUPPORT_LEAD);
    const agentOnA = wsClient(a, a.tokens.HELPDESK_AGENT);
    clients.push(leadOnA, agentOnA);
    const forTicket = subscribe(leadOnA, { ticketId: ticket.id });
    const forOtherCustomer = subscribe(agentOnA, { customerId: otherCustomerId });
    const everything = subscribe(agentOnA, {});
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscriptions register

    const diagnosed = await b.gql(StartDiagnosisDocument, { id: ticket.id, expectedVersion: ticket.version });
    expect(diagnosed.errors).toEqual([]);
    // The bar: delivered within 1 s of the mutation's answer (the wait gives up after that).
    await waitFor(() => forTicket.received.length > 0 && everything.received.length > 0, 1_000);

    expect(forTicket.received).toHaveLength(1);
    expect(forTicket.received[0]!.data!.ticketEvents).toMatchObject({ ticketId: ticket.id, type: "START_DIAGNOSIS", fromState: "intake", toState: "diagnosis", sequence: 2, customerId });
    expect(everything.received.map((item) => item.data?.ticketEvents.type)).toEqual(["START_DIAGNOSIS"]);
    // The agent subscribed to another customer got nothing.
    expect(forOtherCustomer.received).toEqual([]);
  });

  it("sends nothing to a role that may not read tickets, and refuses a customer without delegated access", async () => {
    const sales = wsClient(a, a.tokens.SALES_AGENT);
    const agent = wsClient(a, a.tokens.HELPDESK_AGENT);
    clients.push(sales, agent);
    const salesSubscription = subscribe(sales, {});
    const noAccess = subscribe(agent, { customerId: noAccessCustomerId });
    const all = subscribe(agent, {});
    await waitFor(() => salesSubscription.received.length > 0 && noAccess.received.length > 0, 2_000);
    expect(salesSubscription.received[0]!.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(noAccess.received[0]!.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // An event of a tenant without delegated access reaching the channel is filtered per subscriber.
    const redis = new Redis("redis://127.0.0.1:6379");
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await redis.publish(
        `${prefix}ticket-events`,
        JSON.stringify({ id: "forged", ticketId: "forged-ticket", customerId: noAccessCustomerId, sequence: 1, type: "OPEN", fromState: "", toState: "intake", actor: { id: "x", displayName: "x", role: "HELPDESK_AGENT" }, payload: {}, at: new Date().toISOString(), machineVersion: 1, prevHash: null, hash: "0".repeat(64) }),
      );
      const ticket = await open(b, customerId);
      await waitFor(() => all.received.length > 0, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(all.received.map((item) => item.data?.ticketEvents.ticketId)).toEqual([ticket.id]);
    } finally {
      redis.disconnect();
    }
    expect(salesSubscription.received.every((item) => item.data == null)).toBe(true);
  });

  it("closes a connection without a valid token", async () => {
    const anonymous = wsClient(a, "not-a-token");
    clients.push(anonymous);
    const attempt = subscribe(anonymous, {});
    await waitFor(() => attempt.received.length > 0, 2_000);
    expect(attempt.received[0]!.errors?.[0]?.message).toBe("closed 4403 Forbidden");
  });
});
