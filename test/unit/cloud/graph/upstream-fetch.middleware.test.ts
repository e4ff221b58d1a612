import type { Context } from "@microsoft/microsoft-graph-client";
import { MockAgent, Response as UndiciResponse } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UpstreamFetchMiddleware } from "../../../../src/cloud/graph/upstream-fetch.middleware";

const GRAPH = "https://graph.example";

/** The dispatcher the Graph client hands over in its fetch options (the CA dispatcher in sandbox mode). */
let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});

afterEach(async () => {
  await agent.close();
});

describe("UpstreamFetchMiddleware", () => {
  it("sends a string URL with upstreamFetch (the undici package's fetch) through the dispatcher in the options, and sets context.response", async () => {
    agent
      .get(GRAPH)
      .intercept({ path: "/v1.0/admin/serviceAnnouncement/healthOverviews", method: "GET", headers: { authorization: "Bearer t" } })
      .reply(200, { value: [{ id: "Exchange" }] }, { headers: { "content-type": "application/json" } });
    const context: Context = {
      request: `${GRAPH}/v1.0/admin/serviceAnnouncement/healthOverviews`,
      options: { method: "GET", headers: { Authorization: "Bearer t" }, dispatcher: agent } as Context["options"],
    };

    await new UpstreamFetchMiddleware().execute(context);

    // The package's Response class, not the global one: the global fetch (another undici copy) was not used.
    expect(context.response).toBeInstanceOf(UndiciResponse);
    expect(context.response).not.toBeInstanceOf(globalThis.Response);
    expect(context.response!.status).toBe(200);
    expect(await context.response!.json()).toEqual({ value: [{ id: "Exchange" }] });
    agent.assertNoPendingInterceptors();
  });

  it("passes the method and body of the options on (a Graph $batch POST)", async () => {
    const batch = JSON.stringify({ requests: [{ id: "1", method: "GET", url: "/me" }] });
    agent.get(GRAPH).intercept({ path: "/v1.0/$batch", method: "POST", body: batch }).reply(200, { responses: [] });
    const context: Context = {
      request: `${GRAPH}/v1.0/$batch`,
      options: { method: "POST", headers: { "Content-Type": "application/json" }, body: batch, dispatcher: agent } as Context["options"],
    };

    await new UpstreamFetchMiddleware().execute(context);

    expect(context.response!.status).toBe(200);
    agent.assertNoPendingInterceptors();
  });

  it("hands an upstream error status back as the response, for the retry middleware to judge", async () => {
    agent.get(GRAPH).intercept({ path: "/v1.0/x", method: "GET" }).reply(503, { error: { code: "ServiceUnavailable" } }, { headers: { "retry-after": "2" } });
    const context: Context = { request: `${GRAPH}/v1.0/x`, options: { method: "GET", dispatcher: agent } as Context["options"] };

    await new UpstreamFetchMiddleware().execute(context);

    expect(context.response!.status).toBe(503);
    expect(context.response!.headers.get("retry-after")).toBe("2");
  });

  it("still sends a Request object (only a redirect hands one over)", async () => {
    agent.get(GRAPH).intercept({ path: "/v1.0/redirected", method: "GET" }).reply(200, "ok");
    const context: Context = { request: new Request(`${GRAPH}/v1.0/redirected`), options: { dispatcher: agent } as Context["options"] };

    await new UpstreamFetchMiddleware().execute(context);

    expect(context.response!.status).toBe(200);
    expect(await context.response!.text()).toBe("ok");
  });
});
