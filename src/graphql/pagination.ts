import { badUserInput } from "../errors";
import { decodeCursorValue, encodeCursor } from "../pagination/opaque-cursor";
import type { Page } from "../tickets/ticket-store.types";
import type { ConnectionShape } from "./types/connection.factory";

export const MAX_PAGE_SIZE = 100;

/** Validates `first` (0..100; null means the default) with a BAD_USER_INPUT naming the argument. */
export function checkFirst(first: number | null | undefined, fallback = 50): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput("first", `first must be a whole number from 0 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** The position an offset list's `after` cursor holds; BAD_USER_INPUT when it holds none. */
export function cursorOffset(kind: string, after: string): number {
  const value = decodeCursorValue(kind, after);
  if (!/^\d{1,9}$/.test(value)) throw badUserInput("after", "after is not a cursor of this list");
  return Number(value);
}

/** A store's page as a Relay connection, each node mapped to its GraphQL type. */
export function connectionOf<T, N>(page: Page<T>, toNode: (node: T) => N): ConnectionShape<N> {
  return {
    edges: page.items.map((item) => ({ cursor: item.cursor, node: toNode(item.node) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}

/** Relay page over an in-memory, stably ordered list (the upstream lists are read whole). */
export function pageOfList<T>(kind: string, items: readonly T[], firstArg: number | null, after?: string | null): ConnectionShape<T> {
  const first = checkFirst(firstArg);
  let start = 0;
  if (after != null) {
    const offset = cursorOffset(kind, after);
    if (offset >= items.length) throw badUserInput("after", "after is not a cursor of this list");
    start = offset + 1;
  }
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, index) => ({ cursor: encodeCursor(kind, start + index), node }));
  return {
    edges,
    pageInfo: { hasNextPage: start + slice.length < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}
