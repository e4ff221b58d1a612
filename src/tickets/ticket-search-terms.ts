import { badUserInput } from "../errors";

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;
const MAX_SEARCH_LENGTH = 200;

/**
 * The words of a desk search: runs of letters and digits, lower-cased, at most 8. Punctuation
 * and query operators are not words, so no input can change the meaning of the full-text query
 * it becomes (FTS5 MATCH syntax, PostgreSQL tsquery syntax).
 */
export function searchTerms(search: string): string[] {
  if (search.length > MAX_SEARCH_LENGTH) throw badUserInput("filter.search", `search must be at most ${MAX_SEARCH_LENGTH} characters`);
  const terms = [...new Set(search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].map((term) => term.slice(0, MAX_TERM_LENGTH));
  if (terms.length === 0) throw badUserInput("filter.search", "search must contain at least one letter or digit");
  return terms.slice(0, MAX_TERMS);
}

/** Every term as a prefix, all required: `"mail"* "connector"*` (FTS5). */
export const fts5Query = (terms: readonly string[]): string => terms.map((term) => `"${term}"*`).join(" ");

/** Every term as a prefix, all required: `mail:* & connector:*` (PostgreSQL to_tsquery). */
export const tsQuery = (terms: readonly string[]): string => terms.map((term) => `${term}:*`).join(" & ");
