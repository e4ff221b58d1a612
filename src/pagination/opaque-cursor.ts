import { badUserInput } from "../errors";

/**
 * The one cursor format of every list: base64url of the JSON array `[scope, ...values]`. The scope
 * names the list, so a cursor of one list is refused by another (BAD_USER_INPUT on `after`).
 * Keyset lists (tickets, audit events) carry `[scope, sortValue, id]`, offset lists
 * (customers, history) `[scope, position]`.
 */
export function encodeCursor(scope: string, ...values: (string | number)[]): string {
  return Buffer.from(JSON.stringify([scope, ...values.map(String)]), "utf8").toString("base64url");
}

/** Cursors are short; anything longer is not one of ours (and is not parsed). */
const MAX_CURSOR_LENGTH = 2000;

/**
 * The `arity` values of a cursor of list `scope`. Also takes the `<scope>:<value>` cursors that
 * offset lists handed out before the formats were merged, so a client's saved cursor keeps working.
 */
export function decodeCursor(scope: string, cursor: string, options: { arity: number; field?: string }): string[] {
  const field = options.field ?? "after";
  const text = cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed)) {
    const [listScope, ...values] = parsed as unknown[];
    if (listScope === scope && values.length === options.arity && values.every((value) => typeof value === "string")) {
      return values as string[];
    }
  } else if (options.arity === 1 && text.startsWith(`${scope}:`)) {
    return [text.slice(scope.length + 1)];
  }
  throw badUserInput(field, "The cursor is not valid for this list");
}

/** A keyset cursor `[scope, sortValue, id]`, as the ticket store reads it. */
export function decodeKeysetCursor(scope: string, cursor: string): { sortValue: string; id: string } {
  const [sortValue, id] = decodeCursor(scope, cursor, { arity: 2 });
  return { sortValue: sortValue!, id: id! };
}

/** An offset list's cursor value (its position, as text). */
export const decodeCursorValue = (scope: string, cursor: string, field = "after"): string =>
  decodeCursor(scope, cursor, { arity: 1, field })[0]!;
