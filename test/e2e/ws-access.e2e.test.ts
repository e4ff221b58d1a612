import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../../src/auth/sandbox-token";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { ended, errorsOf, openSocket, sleep, type RawSocket } from "./support/ws-socket";

const EVENTS = "subscription($customerId: ID) { ticketEvents(customerId: $customerId) { id ticketId customerId type } }";
const ACCESS_TTL_MS = 1_000;

/**
 * Sessions end when access ends (issue 13): a live subscription re-checks the customer's GDAP
 * access with data at most LIVE_ACCESS_TTL_MS old, even with the read cache on and its directory
 * TTL at the default 10 minutes; a socket is closed with 4403 when its token expires.
 * Events come through Redis, as from another gateway instance, so they can be published for a
 * customer the desk no longer has access to.
 */
describe("live sockets end with access: GDAP revocation and token expiry", () => {
  let gw: TestGateway;
  let redis: Redis;
  const prefix = `psg-ws-access-${randomBytes(4).toString("hex")}:`;
  const sockets: RawSocket[] = [];
  let revoked: string;
  let kept: string;

  const publish = async (customerId: string): Promise<string> => {
    const ticketId = randomUUID();
    const event = {
      id: randomUUID(), ticketId, customerId, sequence: 1, type: "OPEN", fromState: "", toState: "intake",
      actor: { id: "agent", displayName: "Agent", role: "HELPDESK_AGENT" }, payload: {}, at: new Date().toISOString(),
      machineVersion: 1, prevHash: null, hash: "0".repeat(64),
    };
    await redis.publish(`${prefix}ticket-events`, JSON.stringify(event));
    return ticketId;
  };
  const ticketIdsOf = (socket: RawSocket, id: string) =>
    socket.of(id).filter((message) => message.type === "next" && message.payload?.data).map((message) => message.payload.data.ticketEvents.ticketId as string);
  /** Publishes until every listed subscription has it (a subscription joins the bus after its first access read). */
  const publishUntilSeen = async (socket: RawSocket, customerId: string, ids: string[]): Promise<string> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const ticketId = await publish(customerId);
      const deadline = Date.now() + 500;
      while (Date.now() < deadline) {
        if (ids.every((id) => ticketIdsOf(socket, id).includes(ticketId))) return ticketId;
        await sleep(10);
      }
    }
    throw new Error(`no event of ${customerId} reached ${ids.join(", ")}`);
  };

  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        EMULATOR_TENANTS: "8",
        REDIS_URL: "redis://127.0.0.1:6379",
        REDIS_CHANNEL_PREFIX: prefix,
        LIVE_ACCESS_TTL_MS: String(ACCESS_TTL_MS),
        // The shared read cache on, keeping GDAP for its default 10 minutes: the live re-check must not be held by it.
        UPSTREAM_CACHE: "on",
      },
    });
    redis = new Redis("redis://127.0.0.1:6379");
    const tenants = gw.app.emulator!.seed.tenants;
    revoked = tenants.find((tenant) => tenant.index === 0)!.id;
    kept = tenants.find((tenant) => tenant.index === 6)!.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    redis?.disconnect();
    await gw?.close();
  });

  it("stops delivering a customer's events within LIVE_ACCESS_TTL_MS of its relationship being terminated", async () => {
    const socket = await openSocket(gw.app.gateway.graphqlUrl, gw.tokens.HELPDESK_AGENT);
    sockets.push(socket);
    socket.subscribe("all", EVENTS);
    socket.subscribe("one", EVENTS, { customerId: revoked });
    const before = await publishUntilSeen(socket, revoked, ["all", "one"]);

    // Terminate every relationship of the customer in the emulator's world (what Graph then answers).
    const tenant = gw.app.emulator!.seed.tenants.find((candidate) => candidate.id === revoked)!;
    for (const relationship of tenant.relationships) {
      relationship.status = "terminated";
      relationship.endDateTime = new Date().toISOString();
    }
    // The shared cache still holds the old answer for 10 minutes; HTTP reads through it.
    await sleep(ACCESS_TTL_MS + 100);
    const after = await publish(revoked);
    const other = await publish(kept);
    await socket.until(() => ticketIdsOf(socket, "all").includes(other), 5_000, "the other customer's event");
    await socket.until(() => ended(socket.of("one")), 5_000, "the scoped subscription to end");

    // The unscoped subscription goes on without the revoked customer's event.
    expect(ticketIdsOf(socket, "all")).toContain(before);
    expect(ticketIdsOf(socket, "all")).not.toContain(after);
    // The one scoped to the revoked customer ends with FORBIDDEN, naming no tenant.
    expect(ticketIdsOf(socket, "one")).not.toContain(after);
    const [error] = errorsOf(socket.of("one"));
    expect(error?.extensions?.code).toBe("FORBIDDEN");
    expect(error?.message).not.toContain(revoked);
    // A new subscription to that customer is refused at once; the socket itself stays open.
    socket.subscribe("again", EVENTS, { customerId: revoked });
    await socket.until(() => ended(socket.of("again")), 5_000, "the refusal");
    expect(errorsOf(socket.of("again"))[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(socket.isOpen()).toBe(true);
  });

  it("closes a socket with 4403 when its token expires, and refuses a token already past exp", async () => {
    const key = await loadOrCreateSandboxSigningKey(gw.dataDir);
    const shortLived = await issueSandboxToken(key, DEMO_AGENTS.HELPDESK_AGENT, { expiresIn: "3s" });
    const socket = await openSocket(gw.app.gateway.graphqlUrl, shortLived);
    sockets.push(socket);
    expect(socket.isOpen()).toBe(true);
    socket.subscribe("live", EVENTS);
    await publishUntilSeen(socket, kept, ["live"]);
    const closed = await Promise.race([socket.closed, sleep(10_000).then(() => null)]);
    expect(closed).toEqual({ code: 4403, reason: "Forbidden: the token has expired" });

    // The verifier allows 30 s of clock skew; the socket does not: a token 10 s past exp is refused.
    const expired = await issueSandboxToken(key, DEMO_AGENTS.HELPDESK_AGENT, { now: new Date(Date.now() - 20_000), expiresIn: "10s ago" });
    const late = await openSocket(gw.app.gateway.graphqlUrl, expired);
    sockets.push(late);
    expect(await late.closed).toEqual({ code: 4403, reason: "Forbidden" });
  });
});
