import { randomBytes } from "node:crypto";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  AddDiagnosisNoteDocument,
  AuditEventsDocument,
  OpenTicketDocument,
  ResumeTicketEventsDocument,
  StartDiagnosisDocument,
  type ResumeTicketEventsSubscription,
  type ResumeTicketEventsSubscriptionVariables,
} from "../generated/graphql";
import { startTestGateway, type TestGateway, type TestDatabaseKind } from "./support/test-gateway";

/**
 * Issue 16 item 6: `ticketEvents(afterSequence:)` replays what a subscriber missed from the audit
 * log, then continues live, with no duplicate and no gap; `TicketEvent.ticket` resolves the ticket
 * within the caller's scope. Real gateways, real graphql-ws clients, on both databases (PostgreSQL
 * with the Redis event target, SQLite in-process).
 */

type LiveEvent = ResumeTicketEventsSubscription["ticketEvents"];

const ACCESS_TTL_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

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

/** One subscription's events and errors, as the client received them. */
function subscribe(client: Client, variables: ResumeTicketEventsSubscriptionVariables) {
  const events: LiveEvent[] = [];
  const errors: { code: unknown; message: string }[] = [];
  let completed = false;
  client.subscribe<ResumeTicketEventsSubscription>(
    { query: print(ResumeTicketEventsDocument), variables },
    {
      next: (value) => {
        if (value.data) events.push(value.data.ticketEvents);
        for (const error of value.errors ?? []) errors.push({ code: error.extensions?.code, message: error.message });
      },
      error: (error) => {
        const list = Array.isArray(error) ? (error as { message: string; extensions?: { code?: unknown } }[]) : [{ message: String(error) }];
        for (const item of list) errors.push({ code: (item as { extensions?: { code?: unknown } }).extensions?.code, message: item.message });
        completed = true;
      },
      complete: () => (completed = true),
    },
  );
  return { events, errors, isCompleted: () => completed };
}

const CONFIGS: { name: string; database: TestDatabaseKind; redis: boolean }[] = [
  { name: "PostgreSQL, Redis event target", database: "postgres", redis: true },
  { name: "SQLite, in-process", database: "sqlite", redis: false },
];

describe.each(CONFIGS)("resuming live events with afterSequence ($name)", ({ database, redis }) => {
  let gw: TestGateway;
  const clients: Client[] = [];
  let customerId: string;
  let otherCustomerId: string;

  beforeAll(async () => {
    const env: Record<string, string> = { ESCALATION_WORKERS: "off", LIVE_ACCESS_TTL_MS: String(ACCESS_TTL_MS) };
    if (redis) Object.assign(env, { REDIS_URL: "redis://127.0.0.1:6379", REDIS_CHANNEL_PREFIX: `psg-test-${randomBytes(4).toString("hex")}:` });
    gw = await startTestGateway({ database, env });
    const tenants = gw.app.emulator!.seed.tenants;
    customerId = tenants.find((tenant) => tenant.index === 0)!.id;
    otherCustomerId = tenants.find((tenant) => tenant.index === 6)!.id;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await gw?.close();
  });

  const agentClient = () => {
    const client = wsClient(gw, gw.tokens.HELPDESK_AGENT);
    clients.push(client);
    return client;
  };
  const open = async (customer: string) => {
    const result = await gw.gql(OpenTicketDocument, {
      input: { customerId: customer, title: "Outlook search is empty", description: "Search finds nothing since Monday.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" },
    });
    expect(result.errors).toEqual([]);
    const diagnosed = await gw.gql(StartDiagnosisDocument, { id: result.data!.openTicket.id });
    expect(diagnosed.errors).toEqual([]);
    return result.data!.openTicket.id;
  };
  const note = async (ticketId: string, text: string) => {
    const result = await gw.gql(AddDiagnosisNoteDocument, { id: ticketId, note: text });
    expect(result.errors).toEqual([]);
  };
  /** The newest committed event's globalSequence (what a client would have received last). */
  const newestSequence = async (): Promise<number> => {
    const result = await gw.gql(AuditEventsDocument, { first: 1 }, { role: "SUPPORT_LEAD" });
    expect(result.errors).toEqual([]);
    return result.data!.auditEvents.edges[0]!.node.globalSequence!;
  };

  it("a subscriber that misses 10 transitions receives exactly those 10 on resuming, then live events", async () => {
    const ticketId = await open(customerId);
    const first = agentClient();
    const before = subscribe(first, { ticketId });
    await sleep(300); // let the subscription register
    await note(ticketId, "note 0");
    await until(() => before.events.length === 1, "the first live event");
    const last = before.events[0]!;
    expect(last.sequence).toBe(3);
    expect(last.globalSequence).toEqual(expect.any(Number));
    await first.dispose(); // the subscriber goes away

    for (let i = 1; i <= 10; i++) await note(ticketId, `note ${i}`);

    const resumed = subscribe(agentClient(), { ticketId, afterSequence: last.globalSequence });
    await until(() => resumed.events.length >= 10, "the 10 missed events");
    await sleep(200);
    expect(resumed.errors).toEqual([]);
    expect(resumed.events.map((event) => event.sequence)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const sequences = resumed.events.map((event) => event.globalSequence!);
    expect(sequences.every((value, i) => value > (i === 0 ? last.globalSequence! : sequences[i - 1]!))).toBe(true);
    expect(new Set(resumed.events.map((event) => event.id)).size).toBe(10);
    // `ticket` resolves the ticket as it is now, for updating a cache.
    expect(resumed.events.every((event) => event.ticket?.id === ticketId && event.ticket.state === "DIAGNOSIS")).toBe(true);
    expect(resumed.events[9]!.ticket!.version).toBe(13);

    // Then live: the next transition arrives once, after the replayed ones.
    await note(ticketId, "note 11");
    await until(() => resumed.events.length === 11, "the live event after the replay");
    await sleep(200);
    expect(resumed.events.map((event) => event.sequence)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(resumed.events[10]!.ticket!.version).toBe(14);
    expect(resumed.isCompleted()).toBe(false);
  });

  it("no gap and no duplicate when transitions are committed while the replay runs", async () => {
    const [a, b] = [await open(otherCustomerId), await open(otherCustomerId)];
    const mark = await newestSequence();
    // Two writers, 10 notes each, running while the subscriber resumes.
    const writing = Promise.all([a, b].map(async (ticketId) => {
      for (let i = 0; i < 10; i++) await note(ticketId, `race ${i}`);
    }));
    await sleep(30);
    const resumed = subscribe(agentClient(), { customerId: otherCustomerId, afterSequence: mark });
    await writing;
    await until(() => resumed.events.length >= 20, "all 20 events");
    await sleep(300);
    expect(resumed.errors).toEqual([]);
    expect(resumed.events).toHaveLength(20);
    expect(new Set(resumed.events.map((event) => event.globalSequence)).size).toBe(20);
    // Exactly the events the audit log holds after the mark, per ticket in order.
    for (const ticketId of [a, b]) {
      expect(resumed.events.filter((event) => event.ticketId === ticketId).map((event) => event.sequence)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    }
    const newest = await newestSequence();
    expect(resumed.events.every((event) => event.globalSequence! > mark && event.globalSequence! <= newest)).toBe(true);
  });

  it("afterSequence at the newest event replays nothing and continues live", async () => {
    const ticketId = await open(customerId);
    const mark = await newestSequence();
    const resumed = subscribe(agentClient(), { ticketId, afterSequence: mark });
    await sleep(300);
    expect(resumed.events).toEqual([]);
    await note(ticketId, "live only");
    await until(() => resumed.events.length === 1, "the live event");
    expect(resumed.events[0]).toMatchObject({ ticketId, sequence: 3, globalSequence: mark + 1 });
  });

  it("refuses a negative afterSequence, or one beyond the newest event, with BAD_USER_INPUT", async () => {
    const client = agentClient();
    const negative = subscribe(client, { afterSequence: -1 });
    const beyond = subscribe(client, { afterSequence: (await newestSequence()) + 1_000 });
    await until(() => negative.isCompleted() && beyond.isCompleted(), "both refusals");
    expect(negative.events).toEqual([]);
    expect(beyond.events).toEqual([]);
    expect(negative.errors.map((error) => error.code)).toEqual(["BAD_USER_INPUT"]);
    expect(beyond.errors.map((error) => error.code)).toEqual(["BAD_USER_INPUT"]);
    expect(beyond.errors[0]!.message).toMatch(/beyond the newest event/);
  });

  it("never replays events of a customer the caller can no longer see", async () => {
    const mark = await newestSequence();
    const hidden = await open(customerId);
    const visible = await open(otherCustomerId);
    // Terminate every relationship of the first customer in the emulator's world.
    const tenant = gw.app.emulator!.seed.tenants.find((candidate) => candidate.id === customerId)!;
    for (const relationship of tenant.relationships) {
      relationship.status = "terminated";
      relationship.endDateTime = new Date().toISOString();
    }
    await sleep(ACCESS_TTL_MS + 100);
    const client = agentClient();
    const everything = subscribe(client, { afterSequence: mark });
    const scoped = subscribe(client, { customerId, afterSequence: mark });
    await until(() => everything.events.length >= 2 && scoped.isCompleted(), "the replay and the refusal");
    await sleep(200);
    expect(everything.events.map((event) => [event.ticketId, event.sequence])).toEqual([
      [visible, 1],
      [visible, 2],
    ]);
    expect(everything.events.some((event) => event.ticketId === hidden || event.customerId === customerId)).toBe(false);
    expect(scoped.events).toEqual([]);
    expect(scoped.errors.map((error) => error.code)).toEqual(["FORBIDDEN"]);
  });
});
