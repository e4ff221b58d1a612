import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { AppError, ErrorCode } from "../../../src/errors";
import { PartnerCenterClient } from "../../../src/cloud/partner-center/partner-center.client";

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

let server: Server;
let baseUrl: string;
let seen: Seen[];
let replies: Array<(request: Seen) => Reply>;

const credential: TokenCredential & { requests: Array<string | undefined> } = {
  requests: [],
  async getToken(_scopes, options): Promise<AccessToken> {
    credential.requests.push(options?.tenantId);
    return { token: `token-for-${options?.tenantId}`, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function client(overrides: Partial<ConstructorParameters<typeof PartnerCenterClient>[0]> = {}): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl,
    credential,
    partnerTenantId: "partner-tenant",
    scope: "https://api.partnercenter.microsoft.com/.default",
    timeoutMs: 2_000,
    retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2_000 },
    sleep: async () => undefined,
    ...overrides,
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const entry = { path: request.url ?? "", headers: request.headers };
    seen.push(entry);
    const reply = replies.shift()?.(entry) ?? { status: 500 };
    response.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
    response.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  replies = [];
  credential.requests = [];
});

const ok = (body: unknown) => (): Reply => ({ status: 200, body });

describe("PartnerCenterClient", () => {
  it("sends the partner token and Partner Center's headers", async () => {
    replies.push(ok({ id: "c1" }));

    await client().getJson("/v1/customers/c1", { operation: "reading a customer" });

    const headers = seen[0]!.headers;
    expect(seen[0]!.path).toBe("/v1/customers/c1");
    expect(headers.authorization).toBe("Bearer token-for-partner-tenant");
    expect(headers.accept).toBe("application/json");
    expect(headers["ms-contract-version"]).toBe("v1");
    expect(headers["ms-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["ms-correlationid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(credential.requests).toEqual(["partner-tenant"]);
  });

  it("keeps MS-RequestId on the retries of one request", async () => {
    replies.push(
      () => ({ status: 503 }),
      () => ({ status: 429, headers: { "Retry-After": "0" } }),
      ok({ items: [] }),
    );

    await client().getJson("/v1/customers", { operation: "listing customers" });

    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((entry) => entry.headers["ms-requestid"])).size).toBe(1);
  });

  it("follows links.next with its headers, adding /v1 when the link lacks it", async () => {
    replies.push(
      ok({ items: [{ id: 1 }, { id: 2 }], links: { next: { uri: "/customers?size=2&seekOperation=Next", headers: [{ key: "MS-ContinuationToken", value: "page-2" }] } } }),
      ok({ items: [{ id: 3 }, { id: 4 }], links: { next: { uri: "/v1/customers?size=2&seekOperation=Next", headers: [{ key: "MS-ContinuationToken", value: "page-3" }] } } }),
      ok({ items: [{ id: 5 }], links: { self: { uri: "/v1/customers" } } }),
    );

    const items = await client().getAllItems<{ id: number }>("/v1/customers?size=2", { operation: "listing customers" });

    expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((entry) => entry.path)).toEqual([
      "/v1/customers?size=2",
      "/v1/customers?size=2&seekOperation=Next",
      "/v1/customers?size=2&seekOperation=Next",
    ]);
    expect(seen.map((entry) => entry.headers["ms-continuationtoken"])).toEqual([undefined, "page-2", "page-3"]);
    // One correlation id for the listing, a new request id per page.
    expect(new Set(seen.map((entry) => entry.headers["ms-correlationid"])).size).toBe(1);
    expect(new Set(seen.map((entry) => entry.headers["ms-requestid"])).size).toBe(3);
  });

  it("never sends the token to another origin named in a next link", async () => {
    replies.push(
      ok({ items: [{ id: 1 }], links: { next: { uri: "https://evil.example/v1/customers?page=2" } } }),
      ok({ items: [{ id: 2 }] }),
    );

    const items = await client().getAllItems<{ id: number }>("/v1/customers", { operation: "listing customers" });

    expect(items).toHaveLength(2);
    expect(seen[1]!.path).toBe("/v1/customers?page=2");
  });

  it("accepts a base URL that already ends in /v1", async () => {
    replies.push(ok({}));

    await client({ baseUrl: `${baseUrl}/v1/` }).getJson("/v1/servicerequests/supporttopics", { operation: "listing topics" });

    expect(seen[0]!.path).toBe("/v1/servicerequests/supporttopics");
  });

  it.each([
    [401, ErrorCode.FORBIDDEN],
    [403, ErrorCode.FORBIDDEN],
    [404, ErrorCode.NOT_FOUND],
    [400, ErrorCode.UPSTREAM_UNAVAILABLE],
  ])("does not retry HTTP %i and reports %s", async (status, code) => {
    replies.push(() => ({ status, body: { code: "600008", description: "secret upstream detail" } }));

    const error = await client().getJson("/v1/customers/x", { operation: "reading a customer" }).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).not.toContain("secret upstream detail");
    expect(seen).toHaveLength(1);
  });

  it("reports RATE_LIMITED with retryAfterSeconds once retries are spent", async () => {
    for (let i = 0; i < 4; i++) replies.push(() => ({ status: 429, headers: { "Retry-After": "1" }, body: { statusCode: 429, message: "Rate limit is exceeded. Try again in 1 seconds." } }));

    const error = (await client().getJson("/v1/customers", { operation: "listing customers" }).catch((reason: unknown) => reason)) as AppError;

    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(error.details.retryAfterSeconds).toBe(1);
    expect(seen).toHaveLength(4);
  });

  it("waits what Retry-After asks before retrying", async () => {
    const waits: number[] = [];
    replies.push(() => ({ status: 429, headers: { "Retry-After": "2" } }), ok({}));

    await client({ sleep: async (ms) => void waits.push(ms) }).getJson("/v1/customers", { operation: "listing customers" });

    expect(waits).toEqual([2_000]);
  });

  it("reports a network failure as UPSTREAM_UNAVAILABLE after retrying", async () => {
    const unreachable = client({ baseUrl: "http://127.0.0.1:1" });

    const error = (await unreachable.getJson("/v1/customers", { operation: "listing customers" }).catch((reason: unknown) => reason)) as AppError;

    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(error.message).toMatch(/could not be reached/);
  });
});
