import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertEntity } from "../../src/alerts/alert.entity";
import { Database } from "../../src/db";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { OPEN_TICKET, RECORD_REPLY, REQUEST_INFO, START_DIAGNOSIS } from "./support/alerts/alert-gql";
import { createPostgresDatabase, startTestGateway, type TestGateway } from "./support/test-gateway";
import { openSocket, sleep, type RawSocket } from "./support/ws-socket";

const ALERTS = "subscription { alertRaised { id kind customerId ticket { id } } }";

/**
 * Several instances (issue 18): an alert raised on one gateway reaches `alertRaised` subscribers
 * on every gateway, once each, through Redis on the same transport as live ticket events.
 */
describe("alertRaised across two gateways on one PostgreSQL database and Redis", () => {
  let emulator: RunningEmulator;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let a: TestGateway;
  let b: TestGateway;
  const sockets: RawSocket[] = [];
  const prefix = `psg-alert-relay-${randomBytes(4).toString("hex")}:`;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tenants: 4 });
    database = await createPostgresDatabase();
    const env = { ALERTS: "on", REDIS_URL: "redis://127.0.0.1:6379", REDIS_CHANNEL_PREFIX: prefix };
    // One after another: the first runs the migrations, the other finds them applied.
    a = await startTestGateway({ emulator, databaseUrl: database.url, env });
    b = await startTestGateway({ emulator, databaseUrl: database.url, env });
  }, 60_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await a?.close();
    await b?.close();
    await database?.drop();
    await emulator?.close();
  });

  const received = (socket: RawSocket, id: string) =>
    socket.of(id).filter((message) => message.type === "next" && message.payload?.data).map((message) => message.payload.data.alertRaised as { id: string; kind: string; ticket: { id: string } | null });
  /** Raises a ticket-less alert on `gw` (as its scanner would). */
  const raiseOn = async (gw: TestGateway, customerId: string): Promise<string> =>
    (await gw.app.alerts.service.raise({ kind: "MICROSOFT_INCIDENT_STARTED", subject: `test:${randomUUID()}`, occurrence: "started", occurredAt: new Date(), customerId, ticketId: null, summary: "Raised by the test.", details: {} }))!.id;
  /** Raises on `gw` until both sockets have it (a subscription joins after its first access read). */
  const raiseUntilSeenBy = async (gw: TestGateway, customerId: string, watchers: [RawSocket, string][]): Promise<string> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const alertId = await raiseOn(gw, customerId);
      const deadline = Date.now() + 500;
      while (Date.now() < deadline) {
        if (watchers.every(([socket, id]) => received(socket, id).some((alert) => alert.id === alertId))) return alertId;
        await sleep(10);
      }
    }
    throw new Error("no alert reached every subscriber");
  };

  it("a customer reply on instance A raises one alert that subscribers on A and B each receive once", async () => {
    const customerId = emulator.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    const onA = await openSocket(a.app.gateway.graphqlUrl, a.tokens.HELPDESK_AGENT);
    const onB = await openSocket(b.app.gateway.graphqlUrl, b.tokens.HELPDESK_AGENT);
    sockets.push(onA, onB);
    onA.subscribe("a", ALERTS);
    onB.subscribe("b", ALERTS);
    await raiseUntilSeenBy(a, customerId, [[onA, "a"], [onB, "b"]]);

    // The product path on A: the reply's committed event raises CUSTOMER_REPLIED there.
    const opened = await a.gql(OPEN_TICKET, { input: { customerId, title: "Mailbox full", description: "Cannot receive mail.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE", channel: "phone" } });
    expect(opened.errors).toEqual([]);
    const ticketId = opened.data!.openTicket.id;
    for (const [document, variables] of [[START_DIAGNOSIS, { id: ticketId }], [REQUEST_INFO, { id: ticketId }], [RECORD_REPLY, { id: ticketId, reply: "Since Monday." }]] as const) {
      expect((await a.gql(document as never, variables as never)).errors).toEqual([]);
    }
    const replyOf = (socket: RawSocket, id: string) => received(socket, id).filter((alert) => alert.ticket?.id === ticketId);
    await onB.until(() => replyOf(onB, "b").length > 0, 10_000, "the reply's alert on B");
    await onA.until(() => replyOf(onA, "a").length > 0, 10_000, "the reply's alert on A");

    // A marker raised on A after it: one Redis channel keeps order, so a duplicate would be in front of it.
    await raiseUntilSeenBy(a, customerId, [[onA, "a"], [onB, "b"]]);
    expect(replyOf(onB, "b").map((alert) => alert.kind)).toEqual(["CUSTOMER_REPLIED"]);
    expect(replyOf(onA, "a").map((alert) => alert.kind)).toEqual(["CUSTOMER_REPLIED"]);
    expect(replyOf(onB, "b")[0]!.id).toBe(replyOf(onA, "a")[0]!.id);
    const stored = await Database.of(b.app.dataSource).read((manager) => manager.find(AlertEntity, { where: { ticketId } }));
    expect(stored.map((row) => row.id)).toEqual([replyOf(onB, "b")[0]!.id]);
  });
});
