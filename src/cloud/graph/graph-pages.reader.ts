import type { Client } from "@microsoft/microsoft-graph-client";
import { AppError, ErrorCode } from "../../errors";
import type { GraphCollection } from "./graph-types";

/** A safety stop for a nextLink that never ends (a Graph bug or a misbehaving proxy). */
const MAX_PAGES = 1000;

/**
 * Reads a Graph collection to its end: the first request, then every `@odata.nextLink`
 * (absolute https URLs, which the SDK's `api()` accepts as they are). A nextLink off the
 * configured Graph origin is refused, typed, rather than followed: Graph's own links never leave
 * it, and the request would otherwise go to wherever an answer points.
 */
export async function readAllPages<T>(client: Client, firstPage: Promise<GraphCollection<T>>, graphOrigin: string): Promise<T[]> {
  const items: T[] = [];
  let page: GraphCollection<T> = await firstPage;
  for (let count = 1; ; count++) {
    items.push(...(page.value ?? []));
    const next = page["@odata.nextLink"];
    if (!next || count >= MAX_PAGES) return items;
    page = (await client.api(sameOriginLink(next, graphOrigin)).get()) as GraphCollection<T>;
  }
}

/** `link` when it is an absolute URL on `origin`; otherwise a permanent UPSTREAM_UNAVAILABLE (FOREIGN_NEXT_LINK). */
export function sameOriginLink(link: string, origin: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(link);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.origin !== new URL(origin).origin) {
    throw new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `Microsoft Graph answered a page whose @odata.nextLink is not on ${new URL(origin).origin}; it was not followed`, {
      reason: "FOREIGN_NEXT_LINK",
      permanent: true,
    });
  }
  return link;
}
