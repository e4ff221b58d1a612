import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "./support/test-gateway";

// The gateway replaces Apollo's per-field cache-control plugin with a response-level header;
// clients and proxies must still be told never to store agent- and tenant-specific answers.
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});

afterAll(async () => {
  await gw?.close();
});

async function post(body: unknown): Promise<Response> {
  return fetch(gw.app.gateway.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${gw.tokens.HELPDESK_AGENT}` },
    body: JSON.stringify(body),
  });
}

describe("GraphQL responses are never cacheable", () => {
  it("sends Cache-Control: no-store with data", async () => {
    const response = await post({ query: "query { customers(first: 2) { totalCount edges { node { id serviceHealth { status } } } } }" });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { data?: { customers: { totalCount: number } } };
    expect(json.data?.customers.totalCount).toBeGreaterThan(0);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("sends Cache-Control: no-store with a request error", async () => {
    const response = await post({ query: "query { customers(first: 2) { nope } }" });
    expect(response.status).toBe(400);
    const json = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(json.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
