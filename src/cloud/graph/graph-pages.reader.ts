import type { Client } from "@microsoft/microsoft-graph-client";
import type { GraphCollection } from "./graph-types";

/** A safety stop for a nextLink that never ends (a Graph bug or a misbehaving proxy). */
const MAX_PAGES = 1000;

/**
 * Reads a Graph collection to its end: the first request, then every `@odata.nextLink`
 * (absolute https URLs on the same host, which the SDK's `api()` accepts as they are).
 */
export async function readAllPages<T>(client: Client, firstPage: Promise<GraphCollection<T>>): Promise<T[]> {
  const items: T[] = [];
  let page: GraphCollection<T> = await firstPage;
  for (let count = 1; ; count++) {
    items.push(...(page.value ?? []));
    const next = page["@odata.nextLink"];
    if (!next || count >= MAX_PAGES) return items;
    page = (await client.api(next).get()) as GraphCollection<T>;
  }
}
