import { badUserInput } from "../errors";
import type { Page } from "./ticket-store.types";

/** The most items one list or page query answers. */
export const MAX_PAGE_SIZE = 1_000;

/** `value` if it is a page size the stores accept, else BAD_USER_INPUT on `field`. */
export function pageSize(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(field, `${field} must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return value;
}

/** The first `first` of `rows`, read with one row more than the page so that row tells whether a next page exists. */
export function toPage<Row, T>(
  rows: readonly Row[],
  first: number,
  totalCount: number,
  cursorOf: (row: Row, index: number) => string,
  nodeOf: (row: Row) => T,
): Page<T> {
  const items = rows.slice(0, first).map((row, index) => ({ cursor: cursorOf(row, index), node: nodeOf(row) }));
  return { items, totalCount, hasNextPage: rows.length > first, endCursor: items.at(-1)?.cursor ?? null };
}

/** The page of a filter that matches nothing. */
export function emptyPage<T>(): Page<T> {
  return { items: [], totalCount: 0, hasNextPage: false, endCursor: null };
}
