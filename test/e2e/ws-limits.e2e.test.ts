import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_ROLES } from "../../src/auth/agent";
import type { RunningGateway } from "../../src/server/gateway";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { startNonSandboxGateway } from "./support/non-sandbox-gateway";
import { databaseChecksum } from "./support/db-checksum";
import { postGraphQL } from "./support/raw-graphql";
import { ended, errorsOf, openSocket, sleep, type RawSocket } from "./support/ws-socket";

const TICKET_EVENTS = "subscription { ticketEvents { id ticketId type } }";

describe("the WebSocket door: limits, transport rule and caps (a hostile socket while HTTP keeps serving)", () => {
  let gw: TestGateway;
  const sockets: RawSocket[] = [];
  const open = async (token: string | null) => {
    const socket = await openSocket(gw.app.gateway.graphqlUrl, token);
    sockets.push(socket);
    return socket;
  };

  /**
   * Runs `attack` while an HTTP `{ me { id } }` is sent again and again (from before it starts
   * until it is over and three more have answered); every HTTP answer must be a 200 with data.
   * Asserts answers, not timings.
   */
  async function whileHttpServes<T>(attack: () => Promise<T>): Promise<T> {
    let running = true;
    const answers: { status: number; id: unknown }[] = [];
    const traffic = (async () => {
      while (running) {
        const result = await postGraphQL(gw.app.gateway.graphqlUrl, { query: "{ me { id } }" }, { token: gw.tokens.HELPDESK_AGENT });
        if (running) answers.push({ status: result.status, id: result.data?.me?.id });
        await sleep(20);
      }
    })();
    const outcome = await attack();
    const seen = answers.length;
    while (answers.length < seen + 3) await sleep(10);
    running = false;
    await traffic;
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 200 && typeof answer.id === "string")).toBe(true);
    return outcome;
  }

  beforeAll(async () => {
    gw = await startTestGateway({ env: { EMULATOR_TENANTS: "8", WS_MAX_SOCKETS_PER_AGENT: "4" } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await gw?.close();
  });

  it("refuses a 20,000-alias message (query or subscription) by the token limit, and keeps the socket", async () => {
    const socket = await open(gw.tokens.SALES_AGENT);
    const aliases = (root: string) => Array.from({ length: 20_000 }, (_, i) => `a${i}: ${root}`).join(" ");
    await whileHttpServes(async () => {
      socket.subscribe("q", `{ ${aliases("me { id displayName role }")} }`);
      socket.subscribe("s", `subscription { ${aliases("ticketEvents { id }")} }`);
      await socket.until(() => ended(socket.of("q")) && ended(socket.of("s")), 10_000, "both refusals");
    });
    for (const id of ["q", "s"]) {
      const errors = errorsOf(socket.of(id));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query", limit: "maxTokens" });
      expect(socket.of(id).some((message) => message.type === "next" && message.payload?.data)).toBe(false);
    }
    // Within the token limit, the alias, depth and cost limits apply as over HTTP.
    socket.subscribe("aliases", `subscription { ${Array.from({ length: 31 }, (_, i) => `a${i}: ticketEvents { id }`).join(" ")} }`);
    // TicketEvent has no object fields to nest; armor measures the document's depth before field checks.
    let deep = "id";
    for (let level = 0; level < 20; level++) deep = `actor { ${deep} }`;
    socket.subscribe("deep", `subscription { ticketEvents { ${deep} } }`);
    await socket.until(() => ended(socket.of("aliases")) && ended(socket.of("deep")), 5_000, "limit refusals");
    expect(errorsOf(socket.of("aliases")).map((error) => error.extensions?.limit)).toContain("maxAliases");
    const deepLimits = errorsOf(socket.of("deep")).map((error) => error.extensions?.limit);
    expect(deepLimits).toContain("maxDepth");
    expect(errorsOf(socket.of("deep")).every((error) => error.extensions?.code === "BAD_USER_INPUT")).toBe(true);
    expect(socket.isOpen()).toBe(true);
  });

  it("closes a socket that sends a 64 MiB frame (1009) without reading it, while HTTP serves", async () => {
    const socket = await open(gw.tokens.SALES_AGENT);
    const frame = JSON.stringify({ id: "big", type: "subscribe", payload: { query: `${TICKET_EVENTS} #${"x".repeat(64 * 1024 * 1024)}` } });
    const closed = await whileHttpServes(async () => {
      socket.ws.send(frame);
      return socket.closed;
    });
    expect(closed.code).toBe(1009);
    expect(socket.of("big")).toEqual([]);
    // A frame under the cap (1 MiB by default) is still read and answered.
    const next = await open(gw.tokens.SALES_AGENT);
    next.subscribe("padded", `${TICKET_EVENTS} #${"x".repeat(500_000)}`);
    await next.until(() => ended(next.of("padded")), 5_000, "an answer to a padded frame");
    expect(errorsOf(next.of("padded"))[0]?.extensions?.code).toBe("FORBIDDEN"); // SALES_AGENT may not read tickets
  });

  it("runs at most 100 subscriptions per socket: 10,000 subscribe messages get 100 live and 9,900 typed refusals", async () => {
    const socket = await open(gw.tokens.HELPDESK_AGENT);
    await whileHttpServes(async () => {
      for (let i = 0; i < 10_000; i++) socket.subscribe(`s${i}`, TICKET_EVENTS);
      await socket.until(() => socket.messages.length >= 9_900, 30_000, "9,900 refusals");
    });
    const refused = socket.messages.filter((message) => message.type === "error");
    expect(refused).toHaveLength(9_900);
    expect(refused.every((message) => message.payload[0].extensions.code === "RATE_LIMITED" && message.payload[0].extensions.limit === "maxSubscriptionsPerSocket")).toBe(true);
    expect(socket.isOpen()).toBe(true);
    // Completing one frees its place.
    const live = Array.from({ length: 10_000 }, (_, i) => `s${i}`).filter((id) => socket.of(id).length === 0);
    expect(live).toHaveLength(100);
    socket.complete(live[0]!);
    await sleep(100);
    socket.subscribe("again", TICKET_EVENTS);
    await sleep(300);
    expect(socket.of("again")).toEqual([]);

    // A SALES_AGENT's 10,000 are each refused (FORBIDDEN by role, or RATE_LIMITED): nothing runs.
    const sales = await open(gw.tokens.SALES_AGENT);
    for (let i = 0; i < 10_000; i++) sales.subscribe(`s${i}`, TICKET_EVENTS);
    await sales.until(() => sales.messages.filter((message) => message.type === "error" || message.type === "next").length >= 10_000, 60_000, "10,000 answers");
    const codes = new Set(errorsOf(sales.messages).map((error) => error.extensions?.code));
    expect([...codes].every((code) => code === "FORBIDDEN" || code === "RATE_LIMITED")).toBe(true);
    expect(sales.messages.some((message) => message.type === "next" && message.payload?.data)).toBe(false);
  }, 120_000);

  it("refuses queries and mutations over the socket for every role, and nothing changes", async () => {
    const customers = await postGraphQL(gw.app.gateway.graphqlUrl, { query: "{ customers(first: 10) { edges { node { id delegatedAccess { status } } } } }" }, { token: gw.tokens.HELPDESK_AGENT });
    const customerId = customers.data.customers.edges.find((edge: any) => edge.node.delegatedAccess.status === "ACTIVE").node.id as string;
    const before = await databaseChecksum(gw.app.dataSource);
    for (const role of AGENT_ROLES) {
      const socket = await open(gw.tokens[role]);
      socket.subscribe(
        "open",
        `mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }`,
        { input: { customerId, title: "Over the socket", description: "Should not be opened", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" } },
      );
      socket.subscribe("query", "{ me { id role } }");
      await socket.until(() => ended(socket.of("open")) && ended(socket.of("query")), 5_000, `refusals for ${role}`);
      for (const id of ["open", "query"]) {
        expect(errorsOf(socket.of(id)), role).toEqual([
          expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", field: "query", reason: "SUBSCRIPTIONS_ONLY" } }),
        ]);
      }
      expect(socket.isOpen()).toBe(true);
      socket.close();
      await socket.closed;
    }
    expect(await databaseChecksum(gw.app.dataSource)).toEqual(before);
  });

  it("holds at most WS_MAX_SOCKETS_PER_AGENT sockets per agent (1013), other agents unaffected", async () => {
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await open(gw.tokens.ADMIN_AGENT));
    expect(held.every((socket) => socket.isOpen())).toBe(true);
    const fifth = await open(gw.tokens.ADMIN_AGENT);
    expect(await fifth.closed).toEqual({ code: 1013, reason: "Too many sockets for this agent (at most 4)" });
    const other = await open(gw.tokens.SUPPORT_LEAD);
    expect(other.isOpen()).toBe(true);
    held[0]!.close();
    await held[0]!.closed;
    await sleep(50);
    const again = await open(gw.tokens.ADMIN_AGENT);
    expect(again.isOpen()).toBe(true);
    for (const socket of [...held, again, other]) socket.close();
  });

  it("answers a syntax error, a bad variable and an unknown operation on their own ids and keeps the other subscriptions", async () => {
    const socket = await open(gw.tokens.HELPDESK_AGENT);
    socket.subscribe("live", TICKET_EVENTS);
    socket.subscribe("syntax", "subscription { ticketEvents { id }");
    socket.subscribe("variable", "subscription($t: ID) { ticketEvents(ticketId: $t) { id } }", { t: { not: "an id" } });
    socket.subscribe("name", TICKET_EVENTS, undefined, "Nope");
    socket.subscribe("unknownField", "subscription { ticketEvents { nope } }");
    await socket.until(() => ["syntax", "variable", "name", "unknownField"].every((id) => ended(socket.of(id))), 5_000, "four refusals");
    expect(errorsOf(socket.of("syntax"))[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query", reason: "GRAPHQL_PARSE_FAILED" });
    expect(errorsOf(socket.of("variable"))[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "t" });
    expect(errorsOf(socket.of("name"))[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "OPERATION_RESOLUTION_FAILURE" });
    expect(errorsOf(socket.of("unknownField"))[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "GRAPHQL_VALIDATION_FAILED" });
    expect(socket.isOpen()).toBe(true);
    expect(socket.of("live")).toEqual([]);

    // The live one still delivers.
    const customers = await postGraphQL(gw.app.gateway.graphqlUrl, { query: "{ customers(first: 10) { edges { node { id delegatedAccess { status } } } } }" }, { token: gw.tokens.HELPDESK_AGENT });
    const customerId = customers.data.customers.edges.find((edge: any) => edge.node.delegatedAccess.status === "ACTIVE").node.id as string;
    const opened = await postGraphQL(
      gw.app.gateway.graphqlUrl,
      { query: "mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }", variables: { input: { customerId, title: "Live", description: "Seen live", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" } } },
      { token: gw.tokens.HELPDESK_AGENT },
    );
    expect(opened.errors).toEqual([]);
    await socket.until(() => socket.of("live").length > 0, 5_000, "the live event");
    expect(socket.of("live")[0]!.payload.data.ticketEvents).toMatchObject({ ticketId: opened.data.openTicket.id, type: "OPEN" });
  });

  it("counts WebSocket connections, operations and refusals in /metrics", async () => {
    const metrics = await (await fetch(`${gw.app.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/psg_ws_connections_total\{outcome="accepted"\} [1-9]/);
    expect(metrics).toMatch(/psg_ws_connections_total\{outcome="too_many_sockets"\} [1-9]/);
    expect(metrics).toMatch(/psg_ws_operations_total\{operation="anonymous",type="mutation",outcome="BAD_USER_INPUT"\} [1-9]/);
    // The socket cap is checked before the document is read, so its refusals have no type.
    expect(metrics).toMatch(/psg_ws_operations_total\{operation="anonymous",type="unknown",outcome="RATE_LIMITED"\} [1-9]/);
    expect(metrics).toMatch(/psg_ws_operations_total\{operation="anonymous",type="subscription",outcome="FORBIDDEN"\} [1-9]/);
    // Also in the operation histogram HTTP operations are counted in.
    expect(metrics).toMatch(/psg_graphql_request_duration_seconds_count\{operation="anonymous",type="mutation",outcome="error"\} [1-9]/);
    expect(metrics).toMatch(/psg_ws_socket_errors_total\{code="WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"\} [1-9]/);
    expect(metrics).toMatch(/psg_ws_open_sockets \d/);
  });
});

describe("the WebSocket door with introspection off (as in microsoft mode)", () => {
  let gw: TestGateway;
  let production: RunningGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ env: { EMULATOR_TENANTS: "8" } });
    // The same gateway as microsoft mode runs it (sandbox off: introspection off, suggestions hidden).
    production = await startNonSandboxGateway(gw, (token) => ({ id: `agent-${token}`, displayName: "X", role: "SALES_AGENT" }));
  });
  afterAll(async () => {
    await production?.close();
    await gw?.close();
  });

  it("refuses introspection over the socket as HTTP does, and hides field suggestions", async () => {
    const socket = await openSocket(production.graphqlUrl, "sales");
    socket.subscribe("schema", "{ __schema { types { name } mutationType { fields { name } } } }");
    socket.subscribe("subschema", "subscription { __schema { types { name } } }");
    socket.subscribe("type", 'subscription { ticketEvents { id } } query Q { __type(name: "Mutation") { fields { name } } }', undefined, "Q");
    socket.subscribe("typo", "subscription { ticketEvent { id } }");
    await socket.until(() => ["schema", "subschema", "type", "typo"].every((id) => ended(socket.of(id))), 5_000, "refusals");
    for (const id of ["schema", "subschema", "type", "typo"]) {
      expect(socket.of(id).some((message) => message.type === "next" && message.payload?.data), id).toBe(false);
      expect(errorsOf(socket.of(id)).every((error) => error.extensions?.code === "BAD_USER_INPUT"), id).toBe(true);
    }
    expect(JSON.stringify(errorsOf(socket.of("subschema")))).toMatch(/introspection|__schema/i);
    expect(JSON.stringify(errorsOf(socket.of("typo")))).not.toMatch(/Did you mean/);
    const http = await postGraphQL(production.graphqlUrl, { query: "{ __schema { types { name } } }" }, { token: "sales" });
    expect(http.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    socket.close();
  });
});
