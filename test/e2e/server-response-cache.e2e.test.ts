import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentRole } from "../../src/auth/agent";
import { isCacheableOperation } from "../../src/server/response-cache";
import { CustomerDetailDocument, DashboardDocument, IncidentBoardDocument, OpenTicketDocument, StartDiagnosisDocument } from "../generated/graphql";
import { startTestGateway, type TestGateway } from "./support/test-gateway";

/**
 * Issue 19: the server-side response cache (RESPONSE_CACHE=on) answers exactly what the plain
 * executor answers, for every example operation, and never hands one agent's answer to another.
 */

const OPERATIONS_DIR = join(__dirname, "..", "..", "schema", "operations");
let gw: TestGateway;
let ticketId: string;
let customerId: string;

const post = async (query: string, operationName: string, variables: Record<string, unknown>, role: AgentRole = "HELPDESK_AGENT") => {
  const response = await fetch(gw.app.gateway.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${gw.tokens[role]}` },
    body: JSON.stringify({ query, operationName, variables }),
  });
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
};
/**
 * `generatedAt` says when an answer was computed: a cached answer keeps the time its data was
 * computed (true of it), a fresh execution says now. Everything else must be equal.
 */
const withoutGeneratedAt = (result: unknown): unknown =>
  JSON.parse(JSON.stringify(result), (key, value: unknown) => (key === "generatedAt" && typeof value === "string" ? "<time>" : value));
const hits = async (): Promise<number> => {
  const text = await (await fetch(`${gw.app.gateway.url}/metrics`)).text();
  return Number(/psg_response_cache_lookups_total\{outcome="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
};

/** Values for an example operation's variables, from the seeded world and the ticket opened below. */
function variablesFor(operation: OperationDefinitionNode): Record<string, unknown> {
  const values: Record<string, unknown> = {
    id: ticketId,
    customerId,
    product: "MICROSOFT_365",
    from: "2020-01-01T00:00:00.000Z",
    to: "2100-01-01T00:00:00.000Z",
  };
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name in values) variables[name] = values[name];
    else if (definition.type.kind === Kind.NON_NULL_TYPE) throw new Error(`no example value for $${name} of ${operation.name?.value}`);
  }
  return variables;
}

beforeAll(async () => {
  gw = await startTestGateway({ env: { UPSTREAM_CACHE: "on", RESPONSE_CACHE: "on", EMULATOR_TENANTS: "8" } });
  customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
  const opened = await gw.gql(OpenTicketDocument, {
    input: { customerId, title: "Outlook crashes", description: "On start.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MINIMAL" },
  });
  ticketId = opened.data!.openTicket.id;
  await gw.gql(StartDiagnosisDocument, { id: ticketId, expectedVersion: 1 });
});
afterAll(async () => {
  await gw?.close();
});

describe("the response cache against the plain executor", () => {
  const files = readdirSync(OPERATIONS_DIR).filter((file) => file.endsWith(".graphql"));

  it("answers every example query as the plain executor does; the cacheable ones from the cache", async () => {
    let cacheable = 0;
    for (const file of files) {
      const text = readFileSync(join(OPERATIONS_DIR, file), "utf8");
      const queries = parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === "query");
      for (const operation of queries) {
        const name = operation.name!.value;
        const variables = variablesFor(operation);
        // A first run reads upstream into the read cache: each new read counts as a change, so that
        // response is not kept; the next one is, and the one after it is served from the cache.
        await post(text, name, variables);
        const first = await post(text, name, variables);
        const hitsBefore = await hits();
        const second = await post(text, name, variables);
        const served = (await hits()) - hitsBefore;
        // The plain executor: the same request with the cache emptied.
        gw.app.responseCache!.invalidate();
        const plain = await post(text, name, variables);
        if (isCacheableOperation(operation)) {
          expect(withoutGeneratedAt(second), `${file} ${name}`).toEqual(withoutGeneratedAt(plain));
          expect(withoutGeneratedAt(first), `${file} ${name}`).toEqual(withoutGeneratedAt(plain));
        }
        // Every other query executes each time (ticket times, SLA clocks and metrics move between two runs).
        const canCache = isCacheableOperation(operation) && (plain.errors ?? []).every((e: any) => ["FORBIDDEN", "NOT_FOUND"].includes(e.extensions?.code));
        expect(served, `${file} ${name} served from the cache`).toBe(canCache ? 1 : 0);
        if (canCache) cacheable += 1;
      }
    }
    expect(cacheable).toBeGreaterThanOrEqual(6);
  });
});

describe("the response cache keeps agents apart and follows changes", () => {
  const query = (document: DocumentNode) => print(document);

  it("never serves one role's cached answer to another", async () => {
    const board = query(IncidentBoardDocument);
    await post(board, "IncidentBoard", { first: 10 }, "HELPDESK_AGENT");
    const asHelpdesk = await post(board, "IncidentBoard", { first: 10 }, "HELPDESK_AGENT");
    expect(asHelpdesk.errors ?? []).toEqual([]);
    expect(await post(board, "IncidentBoard", { first: 10 }, "HELPDESK_AGENT")).toEqual(asHelpdesk);
    // SALES_AGENT may not read the board: refused, not handed the cached board.
    const asSales = await post(board, "IncidentBoard", { first: 10 }, "SALES_AGENT");
    expect(asSales.data ?? null).toBeNull();
    expect((asSales.errors as any[])[0].extensions.code).toBe("FORBIDDEN");
    // And the refusal is not served back to the agent who may read it.
    expect(await post(board, "IncidentBoard", { first: 10 }, "HELPDESK_AGENT")).toEqual(asHelpdesk);
    // Two roles that may both read the customers page get their own entries (and the same data).
    const dashboard = query(DashboardDocument);
    const before = gw.app.responseCache!.size;
    const lead = await post(dashboard, "Dashboard", { first: 100 }, "SUPPORT_LEAD");
    const admin = await post(dashboard, "Dashboard", { first: 100 }, "ADMIN_AGENT");
    expect(gw.app.responseCache!.size).toBe(before + 2);
    expect(admin).toEqual(lead);
  });

  it("a ticket event drops cached answers: the customer's new ticket is there at once", async () => {
    const detail = query(CustomerDetailDocument);
    const before = (await post(detail, "CustomerDetail", { id: customerId })) as any;
    expect((await post(detail, "CustomerDetail", { id: customerId })) as any).toEqual(before);
    await gw.gql(OpenTicketDocument, {
      input: { customerId, title: "Teams calls drop", description: "Since Monday.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MINIMAL" },
    });
    const after = (await post(detail, "CustomerDetail", { id: customerId })) as any;
    expect(after.data.customer.tickets.totalCount).toBe(before.data.customer.tickets.totalCount + 1);
  });

  it("a changed upstream read drops cached answers: a new incident is on the next customers page", async () => {
    const dashboard = query(DashboardDocument);
    const incidentsOf = (result: any) => result.data.customers.edges.find((edge: any) => edge.node.id === customerId).node.incidents.map((i: any) => String(i.id).split(":").at(-1));
    await post(dashboard, "Dashboard", { first: 100 });
    const before = await post(dashboard, "Dashboard", { first: 100 });
    expect(await post(dashboard, "Dashboard", { first: 100 })).toEqual(before);
    expect(incidentsOf(before)).not.toContain("EX770001");
    await gw.emulator("/_emulator/incidents", { tenant: customerId, service: "Exchange", action: "start", issueId: "EX770001", title: "Mail delayed" });
    // What a refresh does when it finds the tenant's health changed (the refresher's own path).
    await gw.app.cloud.readCache!.refresh(`health|${customerId.toLowerCase()}`, gw.app.cloud.readCachePolicies!.health, () => gw.app.cloud.uncached.health.getTenantHealth(customerId));
    expect(incidentsOf(await post(dashboard, "Dashboard", { first: 100 }))).toContain("EX770001");
  });
});
