import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, parse, validate, type DocumentNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueryLimits, DEFAULT_QUERY_LIMITS } from "../../src/graphql/query-limits";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { startNonSandboxGateway } from "./support/non-sandbox-gateway";
import { postGraphQL } from "./support/raw-graphql";

const ROOT = join(__dirname, "..", "..");

/** `customer { tickets { edges { node { customer { tickets ...` nested to reach `depth` levels. */
function deepQuery(depth: number): string {
  let selection = "id";
  let level = 2; // `customer(id) { ... id }`: the innermost id is level 2
  while (level < depth) {
    selection = `tickets { edges { node { customer { ${selection} } } } }`;
    level += 4;
  }
  return `{ customer(id: "x") { ${selection} } }`;
}

describe("query limits (graphql-armor, parser token limit, body limit)", () => {
  let gw: TestGateway;
  const me = { query: "{ me { id role } }" };
  const post = (body: unknown) => postGraphQL(gw.app.gateway.graphqlUrl, body, { token: gw.tokens.HELPDESK_AGENT });
  const expectStillServing = async () => {
    const ok = await post(me);
    expect(ok.status).toBe(200);
    expect(ok.data?.me.role).toBe("HELPDESK_AGENT");
  };

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("lets every example operation in schema/operations through with room to spare", () => {
    const schema = buildSchema(readFileSync(join(ROOT, "schema/schema.graphql"), "utf8"));
    const halved = createQueryLimits({
      sandbox: false,
      limits: {
        maxDepth: Math.floor(DEFAULT_QUERY_LIMITS.maxDepth / 2),
        maxCost: Math.floor(DEFAULT_QUERY_LIMITS.maxCost / 2),
        maxTokens: Math.floor(DEFAULT_QUERY_LIMITS.maxTokens / 2),
      },
    });
    const files = readdirSync(join(ROOT, "schema/operations")).filter((file) => file.endsWith(".graphql"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      // Half of each limit still fits: the limits leave at least twice the room the examples need.
      const document: DocumentNode = parse(readFileSync(join(ROOT, "schema/operations", file), "utf8"), halved.parseOptions);
      for (const definition of document.definitions) {
        if (definition.kind !== "OperationDefinition") continue;
        const single = { ...document, definitions: [definition, ...document.definitions.filter((d) => d.kind === "FragmentDefinition")] };
        const errors = validate(schema, single, halved.validationRules);
        expect(errors.map((e) => `${file} ${definition.name?.value}: ${e.message}`)).toEqual([]);
      }
    }
  });

  it("refuses a depth-20 query with BAD_USER_INPUT naming the depth limit, and keeps serving", async () => {
    const result = await post({ query: deepQuery(20) });
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    // A query this deep is usually over the cost limit as well; both are reported.
    expect(result.errors.every((e) => e.extensions.code === "BAD_USER_INPUT" && e.extensions.field === "query")).toBe(true);
    const depth = result.errors.find((e) => e.extensions.limit === "maxDepth");
    expect(depth?.message).toMatch(/depth limit of 12/i);
    await expectStillServing();
  });

  it("accepts the same shape within the depth limit", async () => {
    const result = await post({ query: deepQuery(10) });
    expect(result.errors.filter((e) => e.extensions.limit !== undefined)).toEqual([]);
  });

  it("refuses a 1,000-alias query with a typed error, and keeps serving", async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(" ");
    const result = await post({ query: `{ ${aliases} }` });
    expect(result.status).toBe(400);
    expect(result.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors[0]?.extensions.field).toBe("query");
    expect(["maxAliases", "maxTokens"]).toContain(result.errors[0]?.extensions.limit);
    await expectStillServing();
  });

  it("refuses more aliases than maxAliases even in a short query", async () => {
    const aliases = Array.from({ length: DEFAULT_QUERY_LIMITS.maxAliases + 1 }, (_, i) => `m${i}: me { id }`).join(" ");
    const result = await post({ query: `{ ${aliases} }` });
    expect(result.status).toBe(400);
    expect(result.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query", limit: "maxAliases" });
  });

  it("refuses too many directives", async () => {
    const directives = Array.from({ length: DEFAULT_QUERY_LIMITS.maxDirectives + 1 }, () => "@include(if: true)").join(" ");
    const result = await post({ query: `{ me ${directives} { id } }` });
    expect(result.status).toBe(400);
    expect(result.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query", limit: "maxDirectives" });
  });

  it("lets README's quick-start query (every customer field, first: 100) through", async () => {
    const query = "{ customers(first: 100) { totalCount edges { node { id name delegatedAccess { status } subscriptions { offerName status product } serviceHealth { service status } incidents { id title status } healthSummary { activeIncidentCount } adminPortals { url } } } } }";
    const result = await post({ query });
    expect(result.status).toBe(200);
    expect(result.errors.filter((e) => e.extensions.field === "query")).toEqual([]);
  });

  it("refuses a query over the cost limit", async () => {
    // Shallow and without aliases, but every Customer field several times over through fragments.
    const fields = "id name defaultDomain delegatedAccess { status roles endsAt } subscriptions { id offerName quantity status product } serviceHealth { service status activeIncidentCount } incidents { id title posts { content createdAt } } healthSummary { worstStatus activeIncidentCount }";
    const query = `{ customers(first: 100) { edges { node { ${fields} tickets(first: 100) { edges { node { id title customer { ${fields} tickets(first: 100) { edges { node { id customer { ${fields} } } } } } } } } } } } }`;
    const result = await post({ query });
    expect(result.status).toBe(400);
    expect(result.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query", limit: "maxCost" });
  });

  it("refuses a query over the token limit before parsing it fully", async () => {
    const query = `{ me { ${Array.from({ length: DEFAULT_QUERY_LIMITS.maxTokens }, () => "id").join(" ")} } }`;
    const result = await post({ query });
    expect(result.status).toBe(400);
    expect(result.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query", limit: "maxTokens" });
  });

  it("refuses a 1 MB query with 413 and a typed error, and keeps serving", async () => {
    const query = `{ me { id } } # ${"x".repeat(1024 * 1024)}`;
    const result = await post({ query });
    expect(result.status).toBe(413);
    expect(result.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    await expectStillServing();
  });

  it("refuses batched requests and malformed JSON with typed errors", async () => {
    const batch = await post([me, me]);
    expect(batch.status).toBe(400);
    expect(batch.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    const malformed = await post('{"query": "{ me { id } }"');
    expect(malformed.status).toBe(400);
    expect(malformed.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });

  it("applies CSRF prevention to GET requests without a preflight header", async () => {
    const response = await fetch(`${gw.app.gateway.graphqlUrl}?query=${encodeURIComponent("{ me { id } }")}`, {
      headers: { authorization: `Bearer ${gw.tokens.HELPDESK_AGENT}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("agent-hugo");
  });

  it("allows only the configured CORS origins", async () => {
    const preflight = (origin: string) =>
      fetch(gw.app.gateway.graphqlUrl, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
      });
    expect((await preflight("http://localhost:5173")).headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("query limits outside sandbox (field suggestions, introspection, landing page)", () => {
  it("names no schema fields in suggestions and refuses introspection when not in sandbox", async () => {
    const gw = await startTestGateway();
    const production = await startNonSandboxGateway(gw, () => ({ id: "agent-x", displayName: "X", role: "SUPPORT_LEAD" }));
    try {
      const typo = await postGraphQL(production.graphqlUrl, { query: "{ customerz { totalCount } }" }, { token: "t" });
      expect(typo.status).toBe(400);
      expect(typo.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
      expect(typo.errors[0]?.message).not.toMatch(/Did you mean/);
      const introspection = await postGraphQL(production.graphqlUrl, { query: "{ __schema { types { name } } }" }, { token: "t" });
      expect(introspection.status).toBe(400);
      expect(introspection.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
      const landing = await fetch(production.graphqlUrl, { headers: { accept: "text/html" } });
      expect(landing.status).toBe(400);
      expect(await landing.text()).not.toMatch(/<html/i);

      const sandboxTypo = await postGraphQL(gw.app.gateway.graphqlUrl, { query: "{ customerz { totalCount } }" }, { token: gw.tokens.SUPPORT_LEAD });
      expect(sandboxTypo.errors[0]?.message).toMatch(/Did you mean/);
    } finally {
      await production.close();
      await gw.close();
    }
  });
});
