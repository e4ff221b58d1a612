import { badUserInput } from "../errors";

/**
 * Longest list any GraphQL argument or input field accepts. Filter lists become SQL `IN (...)`
 * parameters: SQLite refuses more than 32,766 variables and PostgreSQL 65,535, and every list in the
 * schema today holds enum values or state paths, of which there are a few dozen.
 */
export const MAX_INPUT_LIST_ITEMS = 100;

/** The first list longer than `max` inside an argument value, as a dotted path ("filter.state"). */
export function overlongList(value: unknown, path: string, max: number = MAX_INPUT_LIST_ITEMS): { path: string; length: number } | null {
  if (Array.isArray(value)) {
    if (value.length > max) return { path, length: value.length };
    for (const [index, item] of value.entries()) {
      const found = overlongList(item, `${path}.${index}`, max);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = overlongList(item, path === "" ? key : `${path}.${key}`, max);
      if (found) return found;
    }
  }
  return null;
}

/**
 * type-graphql's `validateFn`: called once per resolver argument (an `@Arg` value or a whole
 * `@Args` class) before the resolver runs. Refuses an overlong list with BAD_USER_INPUT naming it.
 */
export function checkInputListLengths(argValue: unknown, _argType?: unknown, resolverData?: { info?: { fieldName?: string } }): void {
  const found = overlongList(argValue, "");
  if (!found) return;
  const field = found.path === "" ? (resolverData?.info?.fieldName ?? "input") : found.path;
  throw badUserInput(field, `${field} lists at most ${MAX_INPUT_LIST_ITEMS} entries (got ${found.length})`);
}
