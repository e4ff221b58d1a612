import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_ROLES, type AgentRole } from "../../src/auth/agent";
import { ErrorCode } from "../../src/errors/error-code";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { databaseChecksum } from "./support/db-checksum";
import { fuzzCaseArbitrary, type FuzzCase, type FuzzPools } from "./support/graphql-arbitraries";
import { postGraphQL } from "./support/raw-graphql";
import { ended, errorsOf, openSocket, sleep, type RawSocket } from "./support/ws-socket";

/** Cases per run: 200 by default for CI, FUZZ_CASES=1000 (`npm run test:fuzz`) for the full run. */
const FUZZ_CASES = Number(process.env.FUZZ_CASES ?? 200);
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
const SCHEMA = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));
/** How long a case that is still running (a live subscription) is given before it is completed. */
const LIVE_GRACE_MS = 60;

/** The HTTP generator's case, sometimes broken the ways a socket client could break it. */
type WsCase = FuzzCase & { mangle: "none" | "truncate" | "garbage" | "wrongName" };

function wsCaseArbitrary(pools: FuzzPools): fc.Arbitrary<WsCase> {
  const every = fuzzCaseArbitrary(SCHEMA, pools, { withSubscriptions: true });
  // The schema has one subscription among some sixty fields: give it half the cases.
  const cases = fc.oneof(every, every.filter((fuzz) => fuzz.kind === "subscription"));
  return fc
    .tuple(
      cases,
      fc.constantFrom("none", "none", "none", "truncate", "garbage", "wrongName") as fc.Arbitrary<WsCase["mangle"]>,
      fc.nat(),
      fc.string({ unit: "binary", maxLength: 12 }),
    )
    .map(([fuzz, mangle, at, junk]) => {
      if (mangle === "truncate") return { ...fuzz, mangle, query: fuzz.query.slice(0, at % Math.max(fuzz.query.length, 1)) };
      if (mangle === "garbage") {
        const cut = at % (fuzz.query.length + 1);
        return { ...fuzz, mangle, query: `${fuzz.query.slice(0, cut)}${junk}}{${fuzz.query.slice(cut)}` };
      }
      return { ...fuzz, mangle };
    });
}

describe("fuzzing the WebSocket door with the HTTP generator (queries, mutations and subscriptions)", () => {
  let gw: TestGateway;
  let pools: FuzzPools;
  let customerId: string;

  beforeAll(async () => {
    gw = await startTestGateway({ env: { EMULATOR_TENANTS: "8", ESCALATION_WORKERS: "off", UPSTREAM_MAX_RETRIES: "0" } });
    const customers = await postGraphQL(gw.app.gateway.graphqlUrl, { query: "{ customers(first: 100) { edges { node { id delegatedAccess { status } } } } }" }, { token: gw.tokens.HELPDESK_AGENT });
    const edges: { node: { id: string; delegatedAccess: { status: string } } }[] = customers.data.customers.edges;
    customerId = edges.find((edge) => edge.node.delegatedAccess.status === "ACTIVE")!.node.id;
    const opened = await postGraphQL(
      gw.app.gateway.graphqlUrl,
      { query: "mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }", variables: { input: { customerId, title: "Seed", description: "Seeded for fuzzing", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" } } },
      { token: gw.tokens.HELPDESK_AGENT },
    );
    pools = { ticketIds: [opened.data.openTicket.id], customerIds: edges.map((edge) => edge.node.id), incidentIds: [], topicIds: [] };
  });
  afterAll(async () => {
    await gw?.close();
  });

  it(`sends ${FUZZ_CASES} generated cases over sockets: no INTERNAL, no 4500, the sentinel subscriptions live on`, async () => {
    // One socket per role, each with a sentinel subscription that must outlive every case.
    const sockets = {} as Record<AgentRole, RawSocket>;
    for (const role of AGENT_ROLES) {
      sockets[role] = await openSocket(gw.app.gateway.graphqlUrl, gw.tokens[role]);
      sockets[role].subscribe("sentinel", "subscription { ticketEvents { id ticketId type } }");
    }
    const stats = { cases: 0, byKind: {} as Record<string, number>, errorsByCode: {} as Record<string, number>, live: 0, refusedConnections: 0 };
    const before = await databaseChecksum(gw.app.dataSource);

    const property = fc.asyncProperty(wsCaseArbitrary(pools), async (fuzz) => {
      const id = `case-${stats.cases++}`;
      stats.byKind[`${fuzz.kind}/${fuzz.mangle}`] = (stats.byKind[`${fuzz.kind}/${fuzz.mangle}`] ?? 0) + 1;
      const describeCase = (detail: unknown) => `${fuzz.query.slice(0, 300)} ${JSON.stringify(fuzz.variables).slice(0, 200)} as ${fuzz.caller}: ${String(JSON.stringify(detail)).slice(0, 500)}`;
      if (fuzz.caller === "none" || fuzz.caller === "forged") {
        // No valid token: refused at connection_init with 4403, before any document is read.
        const token = fuzz.caller === "none" ? null : `${gw.tokens.ADMIN_AGENT.slice(0, -8)}AAAAAAAA`;
        const anonymous = await openSocket(gw.app.gateway.graphqlUrl, token);
        expect(await anonymous.closed, describeCase("connection")).toEqual({ code: 4403, reason: "Forbidden" });
        stats.refusedConnections++;
        return;
      }
      const socket = sockets[fuzz.caller];
      socket.subscribe(id, fuzz.query, fuzz.variables, fuzz.mangle === "wrongName" ? "NotTheOperation" : undefined);
      const deadline = Date.now() + LIVE_GRACE_MS;
      while (!ended(socket.of(id)) && socket.isOpen() && Date.now() < deadline) await sleep(2);
      if (!ended(socket.of(id)) && socket.isOpen()) {
        stats.live++; // a valid subscription: end it, as a client would
        socket.complete(id);
      }
      if (!socket.isOpen()) expect.fail(describeCase({ closed: await socket.closed }));
      for (const error of errorsOf(socket.of(id))) {
        const code = String(error.extensions?.code);
        stats.errorsByCode[code] = (stats.errorsByCode[code] ?? 0) + 1;
        expect(KNOWN_CODES.has(code) && code !== "INTERNAL", describeCase(error)).toBe(true);
        if (code === "BAD_USER_INPUT") expect(typeof error.extensions?.field, describeCase(error)).toBe("string");
        expect(JSON.stringify(error), describeCase(error)).not.toMatch(/stack|SQLITE|QueryFailedError|at [\w.]+ \(/);
      }
      // Only subscriptions run here: no query or mutation answers with data.
      if (fuzz.kind !== "subscription") {
        expect(socket.of(id).some((message) => message.type === "next" && message.payload?.data), describeCase(socket.of(id))).toBe(false);
      }
    });
    const started = performance.now();
    await fc.assert(property, { numRuns: FUZZ_CASES, seed: Number(process.env.FUZZ_SEED ?? 20261201), verbose: 1 });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    console.info(`ws fuzz: ${JSON.stringify({ ...stats, seconds })}`);

    // Nothing a socket sent changed the database (mutations are refused over WebSocket).
    expect(await databaseChecksum(gw.app.dataSource)).toEqual(before);
    // Every socket is still open and its sentinel still delivers.
    const opened = await postGraphQL(
      gw.app.gateway.graphqlUrl,
      { query: "mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }", variables: { input: { customerId, title: "After the fuzz", description: "Still live", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" } } },
      { token: gw.tokens.HELPDESK_AGENT },
    );
    expect(opened.errors).toEqual([]);
    for (const role of ["ADMIN_AGENT", "HELPDESK_AGENT", "SUPPORT_LEAD"] as const) {
      const socket = sockets[role];
      expect(socket.isOpen(), role).toBe(true);
      await socket.until(() => socket.of("sentinel").some((message) => message.payload?.data?.ticketEvents?.ticketId === opened.data.openTicket.id), 5_000, `${role}'s sentinel`);
    }
    // SALES_AGENT's sentinel was refused by role at once (FORBIDDEN); its socket stayed open.
    expect(errorsOf(sockets.SALES_AGENT.of("sentinel"))[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(sockets.SALES_AGENT.isOpen()).toBe(true);
    expect(stats.cases).toBeGreaterThanOrEqual(FUZZ_CASES);
    expect(stats.byKind["subscription/none"] ?? 0).toBeGreaterThan(0);
    for (const socket of Object.values(sockets)) socket.close();
  }, 600_000);
});
