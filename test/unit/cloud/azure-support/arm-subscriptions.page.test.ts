import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { nextSubscriptionsPageUrl, parseSubscriptionPage } from "../../../../src/cloud/azure-support/arm-subscriptions.page";
import { AzureSupportClientProvider } from "../../../../src/cloud/azure-support/azure-support-client.provider";
import { AppError } from "../../../../src/errors";

const ARM = "https://management.azure.com";

describe("nextSubscriptionsPageUrl (issue 13: the customer-tenant token stays on the ARM origin)", () => {
  it("follows an absolute nextLink on the configured origin", () => {
    expect(nextSubscriptionsPageUrl(`${ARM}/subscriptions?api-version=2022-12-01&$skiptoken=abc`, `${ARM}/`)).toBe(
      `${ARM}/subscriptions?api-version=2022-12-01&$skiptoken=abc`,
    );
  });

  it.each([
    ["another host", "https://collector.example/subscriptions?$skiptoken=abc"],
    ["another port", "https://management.azure.com:8443/subscriptions"],
    ["plain http", "http://management.azure.com/subscriptions"],
    ["a look-alike host", "https://management.azure.com.evil.example/subscriptions"],
    ["a relative link", "/subscriptions?$skiptoken=abc"],
    ["the example's placeholder", "..."],
  ])("refuses %s, typed", (_label, link) => {
    let caught: unknown;
    try {
      nextSubscriptionsPageUrl(link, ARM);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("UPSTREAM_UNAVAILABLE");
    expect((caught as AppError).details).toMatchObject({ reason: "FOREIGN_NEXT_LINK", permanent: true });
  });
});

describe("parseSubscriptionPage", () => {
  it("skips entries without a subscription id and reads a missing nextLink as the last page", () => {
    expect(parseSubscriptionPage({ value: [{ displayName: "x" }, { subscriptionId: "s1", state: "Enabled" }] })).toEqual({
      subscriptions: [{ subscriptionId: "s1", tenantId: null, displayName: null, state: "Enabled" }],
      nextLink: undefined,
    });
    expect(parseSubscriptionPage("not json")).toEqual({ subscriptions: [], nextLink: undefined });
  });
});

describe("AzureSupportClientProvider.listSubscriptions over HTTP", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A loopback server answering `answer(request)` as JSON, recording each request's Authorization header. */
  async function serve(answer: (request: IncomingMessage, origin: string) => unknown): Promise<{ origin: string; seen: (string | undefined)[] }> {
    const seen: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(answer(request, origin)));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { origin, seen };
  }

  const provider = (endpoint: string) =>
    new AzureSupportClientProvider({
      endpoint,
      scope: "https://management.azure.com/.default",
      credential: { getToken: async () => ({ token: "customer-tenant-token", expiresOnTimestamp: Date.now() + 60_000 }) },
      timeoutMs: 5000,
      maxRetries: 0,
    });

  it("follows same-origin pages", async () => {
    const arm = await serve((request, origin) =>
      request.url?.includes("page=2")
        ? { value: [{ subscriptionId: "s2" }] }
        : { value: [{ subscriptionId: "s1" }], nextLink: `${origin}/subscriptions?api-version=2022-12-01&page=2` },
    );
    const listed = await provider(arm.origin).listSubscriptions("tenant-1");
    expect(listed.map((item) => item.subscriptionId)).toEqual(["s1", "s2"]);
    expect(arm.seen).toEqual(["Bearer customer-tenant-token", "Bearer customer-tenant-token"]);
  });

  it("refuses a nextLink to another origin and never sends it the token", async () => {
    const collector = await serve(() => ({ value: [] }));
    const arm = await serve(() => ({ value: [{ subscriptionId: "s1" }], nextLink: `${collector.origin}/subscriptions?steal=1` }));
    await expect(provider(arm.origin).listSubscriptions("tenant-1")).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      details: { reason: "FOREIGN_NEXT_LINK" },
    });
    expect(arm.seen).toHaveLength(1);
    expect(collector.seen).toEqual([]);
  });
});
