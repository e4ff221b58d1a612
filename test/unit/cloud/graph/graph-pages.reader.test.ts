import type { Client } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { readAllPages, sameOriginLink } from "../../../../src/cloud/graph/graph-pages.reader";
import { AppError } from "../../../../src/errors";

const GRAPH = "https://graph.microsoft.com";

/** A Graph client whose `api(url).get()` answers from `pages` and records every URL asked for. */
function pagedClient(pages: Record<string, unknown>): { client: Client; asked: string[] } {
  const asked: string[] = [];
  const client = {
    api: (url: string) => {
      asked.push(url);
      return { get: async () => pages[url] };
    },
  } as unknown as Client;
  return { client, asked };
}

describe("readAllPages", () => {
  it("follows nextLinks on the Graph origin to the last page", async () => {
    const next = `${GRAPH}/v1.0/tenantRelationships/delegatedAdminRelationships?$skiptoken=2`;
    const { client, asked } = pagedClient({ [next]: { value: [2] } });
    await expect(readAllPages<number>(client, Promise.resolve({ value: [1], "@odata.nextLink": next }), GRAPH)).resolves.toEqual([1, 2]);
    expect(asked).toEqual([next]);
  });

  it.each([
    "https://collector.example/v1.0/tenantRelationships/delegatedAdminRelationships?$skiptoken=2",
    "https://graph.microsoft.com.evil.example/v1.0/x",
    "http://graph.microsoft.com/v1.0/x",
    "/v1.0/x",
  ])("refuses %s without requesting it", async (link) => {
    const { client, asked } = pagedClient({});
    const read = readAllPages(client, Promise.resolve({ value: [1], "@odata.nextLink": link }), GRAPH);
    await expect(read).rejects.toBeInstanceOf(AppError);
    await expect(read).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { reason: "FOREIGN_NEXT_LINK", permanent: true } });
    expect(asked).toEqual([]);
  });

  it("compares origins, not prefixes (port included)", () => {
    expect(sameOriginLink("https://localhost:8443/v1.0/x", "https://localhost:8443/")).toBe("https://localhost:8443/v1.0/x");
    expect(() => sameOriginLink("https://localhost:9443/v1.0/x", "https://localhost:8443")).toThrow(AppError);
  });
});
