import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors/error-code";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { databaseChecksum, type DatabaseChecksum } from "./support/db-checksum";
import { fuzzCaseArbitrary, type FuzzCase, type FuzzPools } from "./support/graphql-arbitraries";
import { postGraphQL } from "./support/raw-graphql";

/** Cases per run: 500 in `npm test` and CI, FUZZ_CASES=5000 (`npm run test:fuzz`) for the full run. */
const FUZZ_CASES = Number(process.env.FUZZ_CASES ?? 500);
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
const SCHEMA = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));

describe("fuzzing every query and mutation against a live server", () => {
  let gw: TestGateway;
  let pools: FuzzPools;

  beforeAll(async () => {
    gw = await startTestGateway({ env: { EMULATOR_TENANTS: "8", ESCALATION_WORKERS: "off", UPSTREAM_MAX_RETRIES: "0" } });
    const as = (query: string, variables?: unknown) =>
      postGraphQL(gw.app.gateway.graphqlUrl, { query, variables }, { token: gw.tokens.HELPDESK_AGENT });
    const customers = await as("{ customers(first: 100) { edges { node { id delegatedAccess { status } } } } }");
    const customerIds: string[] = customers.data.customers.edges.map((edge: { node: { id: string } }) => edge.node.id);
    const usable = customers.data.customers.edges
      .filter((edge: { node: { delegatedAccess: { status: string } } }) => ["ACTIVE", "EXPIRING"].includes(edge.node.delegatedAccess.status))
      .map((edge: { node: { id: string } }) => edge.node.id);
    const ticketIds: string[] = [];
    for (const [index, customerId] of usable.slice(0, 4).entries()) {
      const opened = await as(
        `mutation($input: OpenTicketInput!) { openTicket(input: $input) { id version } }`,
        { input: { customerId, title: `Seed ${index}`, description: "Seeded for fuzzing", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" } },
      );
      expect(opened.errors).toEqual([]);
      ticketIds.push(opened.data.openTicket.id);
      if (index % 2 === 1) await as(`mutation($id: ID!) { startDiagnosis(id: $id) { id } }`, { id: opened.data.openTicket.id });
    }
    const incidents = await as("{ serviceIncidents(activeOnly: false) { id } }");
    const topics = await as("{ supportTopics { id } }");
    pools = {
      ticketIds,
      customerIds,
      incidentIds: (incidents.data?.serviceIncidents ?? []).slice(0, 10).map((i: { id: string }) => i.id),
      topicIds: (topics.data?.supportTopics ?? []).slice(0, 10).map((t: { id: string }) => t.id),
    };
    expect(pools.ticketIds.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it(`runs ${FUZZ_CASES} generated cases: no INTERNAL, no 5xx, typed codes, nothing changed by a rejected call`, async () => {
    const stats = { cases: 0, mutations: 0, rejectedMutations: 0, acceptedMutations: 0, errorsByCode: {} as Record<string, number> };
    const operationsSeen = new Set<string>();
    let baseline: DatabaseChecksum = await databaseChecksum(gw.app.dataSource);

    const property = fc.asyncProperty(fuzzCaseArbitrary(SCHEMA, pools), async (fuzz: FuzzCase) => {
      stats.cases++;
      operationsSeen.add(`${fuzz.kind}.${fuzz.field}`);
      const token = fuzz.caller === "none" ? null : fuzz.caller === "forged" ? `${gw.tokens.ADMIN_AGENT.slice(0, -8)}AAAAAAAA` : gw.tokens[fuzz.caller];
      const result = await postGraphQL(gw.app.gateway.graphqlUrl, { query: fuzz.query, variables: fuzz.variables }, { token });
      const describeCase = () => `${fuzz.query} ${JSON.stringify(fuzz.variables).slice(0, 300)} as ${fuzz.caller} -> ${result.status} ${JSON.stringify(result.errors).slice(0, 600)}`;

      expect(result.status, describeCase()).toBeLessThan(500);
      for (const error of result.errors) {
        const code = error.extensions?.code;
        stats.errorsByCode[code] = (stats.errorsByCode[code] ?? 0) + 1;
        expect(KNOWN_CODES.has(code) && code !== "INTERNAL", describeCase()).toBe(true);
        if (code === "BAD_USER_INPUT") expect(typeof error.extensions.field, describeCase()).toBe("string");
        expect(JSON.stringify(error), describeCase()).not.toMatch(/stack|SQLITE|QueryFailedError|at [\w.]+ \(/);
      }

      const after = await databaseChecksum(gw.app.dataSource);
      const accepted = fuzz.kind === "mutation" && result.errors.length === 0 && result.data != null;
      if (fuzz.kind === "mutation") {
        stats.mutations++;
        if (accepted) stats.acceptedMutations++;
        else stats.rejectedMutations++;
      }
      if (!accepted) expect(after, `database changed by a rejected call: ${describeCase()}`).toEqual(baseline);
      baseline = after;
    });
    const started = performance.now();
    await fc.assert(property, { numRuns: FUZZ_CASES, seed: Number(process.env.FUZZ_SEED ?? 20240501), verbose: 1 });
    const seconds = Math.round((performance.now() - started) / 100) / 10;

    // The count the issue asks for; the time is reported, not asserted (CI budget: < 3 minutes).
    console.info(`fuzz: ${JSON.stringify({ ...stats, operations: operationsSeen.size, seconds })}`);
    expect(stats.cases).toBeGreaterThanOrEqual(FUZZ_CASES);
    expect(stats.rejectedMutations).toBeGreaterThan(FUZZ_CASES / 4);
    // every query and mutation of the schema was exercised
    const all = [SCHEMA.getQueryType(), SCHEMA.getMutationType()].flatMap((type) => Object.keys(type?.getFields() ?? {}));
    expect(operationsSeen.size).toBe(all.length);
  }, 600_000);
});
