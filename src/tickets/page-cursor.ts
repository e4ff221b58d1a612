import { badUserInput } from "../errors";

/**
 * Opaque keyset cursors: base64url of `[scope, sortValue, id]`. The scope keeps a ticket cursor
 * from being replayed against the audit list (and vice versa).
 */
export function encodeCursor(scope: string, sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([scope, sortValue, id]), "utf8").toString("base64url");
}

/** Decodes a cursor made by {@link encodeCursor}; throws BAD_USER_INPUT (field `after`) otherwise. */
export function decodeCursor(scope: string, cursor: string): { sortValue: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    parsed[0] === scope &&
    typeof parsed[1] === "string" &&
    typeof parsed[2] === "string"
  ) {
    return { sortValue: parsed[1], id: parsed[2] };
  }
  throw badUserInput("after", "The cursor is not valid for this list");
}
