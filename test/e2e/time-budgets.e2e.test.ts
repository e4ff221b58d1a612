import { connect, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { postGraphQL } from "./support/raw-graphql";

// Issue 14.5: a request's upstream reads share one time budget, a hung tenant holds no slot another
// tenant needs, a Retry-After longer than the budget answers RATE_LIMITED at once, and the HTTP
// server cuts off slow senders and caps its connections.

const HEALTH_OF = `query($id: ID!) { customer(id: $id) { id serviceHealth { service status } } }`;
const SUBSCRIPTIONS_OF = `query($id: ID!) { customer(id: $id) { id subscriptions { id } } }`;

/** Production upstream settings (10 s per attempt, 3 retries, 500 ms backoff), the cache off. */
const PRODUCTION_UPSTREAM = {
  EMULATOR_TENANTS: "12",
  UPSTREAM_CACHE: "off",
  UPSTREAM_TIMEOUT_MS: "10000",
  UPSTREAM_MAX_RETRIES: "3",
  UPSTREAM_RETRY_BASE_DELAY_MS: "500",
};

/** Customer tenants whose health the partner may read (active GDAP with a health role). */
async function healthReadableTenants(gw: TestGateway): Promise<string[]> {
  const { json } = await gw.emulator("/_emulator/tenants");
  return (json.tenants as { id: string; healthAccess: boolean }[]).filter((tenant) => tenant.healthAccess).map((tenant) => tenant.id);
}

/** Wait-free probe of a promise: "pending" unless it has settled by the next macrotask. */
async function stateOf(promise: Promise<unknown>): Promise<"pending" | "settled"> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled ? "settled" : "pending";
}

describe("time budgets: a hung tenant, per-tenant concurrency, request budget (cache off)", () => {
  let gw: TestGateway;
  let hung: string;
  let fast: string;
  let another: string;
  const BUDGET_MS = 3000;
  const read = (id: string) =>
    postGraphQL(gw.app.gateway.graphqlUrl, { query: HEALTH_OF, variables: { id } }, { token: gw.tokens.SUPPORT_LEAD });

  beforeAll(async () => {
    gw = await startTestGateway({
      env: { ...PRODUCTION_UPSTREAM, UPSTREAM_REQUEST_BUDGET_MS: String(BUDGET_MS), UPSTREAM_CONCURRENCY: "4", UPSTREAM_CONCURRENCY_PER_TENANT: "2" },
    });
    [hung, fast, another] = (await healthReadableTenants(gw)) as [string, string, string];
    expect(another).toBeDefined();
  });
  afterEach(async () => {
    await gw.emulator("/_emulator/faults", undefined, "DELETE");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("answers another tenant's read while the hung tenant's is still pending, then the hung one within its budget", async () => {
    const baselineStarted = performance.now();
    const baseline = await read(fast);
    const baselineMs = performance.now() - baselineStarted;
    expect(baseline.data.customer.serviceHealth.length).toBeGreaterThan(0);

    await gw.emulator("/_emulator/faults", { match: "healthOverviews", tenant: hung, hang: true });
    const hungStarted = performance.now();
    // More hung reads than the global cap (4): without a per-tenant cap (2) they would take every slot.
    const hungReads = Array.from({ length: 6 }, () => read(hung));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fastStarted = performance.now();
    const other = await read(fast);
    const otherMs = performance.now() - fastStarted;
    console.info(`time budgets: another tenant's read with one tenant hung: ${Math.round(otherMs)} ms (baseline ${Math.round(baselineMs)} ms)`);
    expect(other.errors).toEqual([]);
    expect(other.data.customer.serviceHealth.length).toBeGreaterThan(0);
    for (const pending of hungReads) expect(await stateOf(pending)).toBe("pending");

    const answers = await Promise.all(hungReads);
    const hungMs = performance.now() - hungStarted;
    console.info(`time budgets: hung tenant's reads answered after ${Math.round(hungMs)} ms (budget ${BUDGET_MS} ms)`);
    expect(hungMs).toBeLessThan(BUDGET_MS + 2000);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.data.customer.id).toBe(hung); // the tenant's own fields still answer
      expect(answer.data.customer.serviceHealth).toBeNull();
      expect(answer.errors.map((error) => error.extensions.code)).toEqual(["UPSTREAM_UNAVAILABLE"]);
      expect(answer.errors[0]!.path).toEqual(["customer", "serviceHealth"]);
    }
  });

  it("keeps a dashboard over every tenant within the budget, erroring only the hung tenant's fields", async () => {
    // A tenant whose circuit is still closed, so the budget (not the breaker) ends its read.
    const firstHung = hung;
    const stuck = another;
    await gw.emulator("/_emulator/faults", { match: "healthOverviews", tenant: stuck, hang: true });
    const started = performance.now();
    const result = await postGraphQL(
      gw.app.gateway.graphqlUrl,
      { query: `{ customers(first: 100) { edges { node { id serviceHealth { service } } } } }` },
      { token: gw.tokens.SUPPORT_LEAD },
    );
    const elapsedMs = performance.now() - started;
    console.info(`time budgets: customers dashboard with one tenant hung: ${Math.round(elapsedMs)} ms (budget ${BUDGET_MS} ms)`);
    expect(elapsedMs).toBeGreaterThan(BUDGET_MS - 500); // the hung read was cut by the budget, not answered early
    expect(elapsedMs).toBeLessThan(BUDGET_MS + 2000);
    const nodes = result.data.customers.edges.map((edge: any) => edge.node);
    const indexOf = (id: string) => nodes.findIndex((node: any) => node.id === id);
    const atHung = result.errors.filter((error) => error.path?.[2] === indexOf(stuck));
    expect(atHung.map((error) => [error.extensions.code, error.path?.[4]])).toEqual([["UPSTREAM_UNAVAILABLE", "serviceHealth"]]);
    expect(atHung[0]!.message).toMatch(/time budget/);
    // Besides tenants without usable access (FORBIDDEN), only the hung tenants' fields are in error:
    // this one, and the first test's tenant whose circuit is now open.
    const tenantsInError = new Set(
      result.errors.filter((error) => error.extensions.code !== "FORBIDDEN").map((error) => nodes[error.path?.[2] as number].id),
    );
    expect([...tenantsInError].sort()).toEqual([stuck, firstHung].sort());
    expect(nodes[indexOf(fast)].serviceHealth).not.toBeNull();
  });
});

describe("time budgets: a Retry-After longer than the budget answers RATE_LIMITED at once", () => {
  let gw: TestGateway;
  let tenant: string;
  const RETRY_AFTER_SECONDS = 20;

  beforeAll(async () => {
    gw = await startTestGateway({ env: { ...PRODUCTION_UPSTREAM, UPSTREAM_REQUEST_BUDGET_MS: "10000" } });
    [tenant] = (await healthReadableTenants(gw)) as [string];
  });
  afterEach(async () => {
    await gw.emulator("/_emulator/faults", undefined, "DELETE");
  });
  afterAll(async () => {
    await gw?.close();
  });

  const cases = [
    { upstream: "Graph", match: "healthOverviews", query: HEALTH_OF, route: /healthOverviews/ },
    { upstream: "Partner Center", match: "subscriptions", query: SUBSCRIPTIONS_OF, route: /subscriptions/ },
  ];
  for (const { upstream, match, query, route } of cases) {
    it(`${upstream}: one upstream call, RATE_LIMITED with retryAfterSeconds before the Retry-After has elapsed`, async () => {
      await gw.emulator("/_emulator/faults", { match, tenant, status: 429, retryAfterSeconds: RETRY_AFTER_SECONDS, times: 10 });
      await gw.emulator("/_emulator/requests/reset", {});
      const started = performance.now();
      const result = await postGraphQL(gw.app.gateway.graphqlUrl, { query, variables: { id: tenant } }, { token: gw.tokens.SUPPORT_LEAD });
      const elapsedMs = performance.now() - started;
      console.info(`time budgets: ${upstream} Retry-After ${RETRY_AFTER_SECONDS} s answered in ${Math.round(elapsedMs)} ms`);
      expect(result.errors.map((error) => error.extensions.code)).toEqual(["RATE_LIMITED"]);
      expect(result.errors[0]!.extensions.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);
      expect(elapsedMs).toBeLessThan((RETRY_AFTER_SECONDS * 1000) / 4);
      const { json } = await gw.emulator("/_emulator/requests");
      const calls = Object.entries(json.byRoute as Record<string, number>)
        .filter(([key]) => route.test(key))
        .reduce((sum, [, count]) => sum + count, 0);
      expect(calls).toBe(1); // no retry was made
    });
  }

  it("still retries a Retry-After that fits in the budget", async () => {
    await gw.emulator("/_emulator/faults", { match: "healthOverviews", tenant, status: 429, retryAfterSeconds: 1, times: 1 });
    const result = await postGraphQL(gw.app.gateway.graphqlUrl, { query: HEALTH_OF, variables: { id: tenant } }, { token: gw.tokens.SUPPORT_LEAD });
    expect(result.errors).toEqual([]);
    expect(result.data.customer.serviceHealth.length).toBeGreaterThan(0);
  });
});

describe("time budgets: HTTP server timeouts and connection cap", () => {
  let gw: TestGateway;
  const sockets: Socket[] = [];
  const open = (): Promise<Socket> => {
    const { port } = gw.app.gateway.httpServer.address() as { port: number };
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => resolve(socket));
      socket.once("error", reject);
      sockets.push(socket);
    });
  };
  /** Resolves with what the server sent before closing the socket, or "open" after `ms`. */
  const closedWithin = (socket: Socket, ms: number): Promise<string> =>
    new Promise((resolve) => {
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString("latin1")));
      socket.on("error", () => undefined);
      const timer = setTimeout(() => resolve("open"), ms);
      socket.once("close", () => {
        clearTimeout(timer);
        resolve(`closed:${received}`);
      });
    });

  beforeAll(async () => {
    gw = await startTestGateway({
      env: { HTTP_HEADERS_TIMEOUT_MS: "600", HTTP_REQUEST_TIMEOUT_MS: "1500", HTTP_KEEP_ALIVE_TIMEOUT_MS: "5000", HTTP_MAX_CONNECTIONS: "3" },
    });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("applies the configured timeouts to the HTTP server", () => {
    const server = gw.app.gateway.httpServer;
    expect(server.headersTimeout).toBe(600);
    expect(server.requestTimeout).toBe(1500);
    expect(server.keepAliveTimeout).toBe(5000);
    expect(server.maxConnections).toBe(3);
  });

  it("cuts off a client that sends its headers slowly", async () => {
    const socket = await open();
    socket.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n");
    const started = performance.now();
    const outcome = await closedWithin(socket, 5000);
    console.info(`time budgets: slow headers cut off after ${Math.round(performance.now() - started)} ms (headers timeout 600 ms)`);
    expect(outcome).toMatch(/^closed:(HTTP\/1\.1 408|$)/);
  });

  it("cuts off a client that sends its body slowly", async () => {
    const socket = await open();
    socket.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    const started = performance.now();
    const outcome = await closedWithin(socket, 6000);
    console.info(`time budgets: slow body cut off after ${Math.round(performance.now() - started)} ms (request timeout 1500 ms)`);
    expect(outcome).toMatch(/^closed:/);
  });

  it("refuses connections beyond the cap and accepts again when one is released", async () => {
    const held: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = await open();
      // A finished keep-alive request: the connection stays open and counts against the cap.
      socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      await new Promise((resolve) => socket.once("data", resolve));
      held.push(socket);
    }
    const extra = await open();
    extra.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    expect(await closedWithin(extra, 3000)).toBe("closed:");

    held[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await fetch(`${gw.app.gateway.url}/health`);
    expect(response.status).toBe(200);
  });
});
