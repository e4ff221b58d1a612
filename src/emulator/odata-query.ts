/** The small part of OData query syntax the emulated Graph routes understand. */

export type ParsedTop = { ok: true; value: number } | { ok: false; message: string };

/** `$top` (or `Prefer: odata.maxpagesize`) within [1, max], defaulting to `fallback`. */
export function parsePageSize(raw: string | null, fallback: number, max: number): ParsedTop {
  if (raw === null) return { ok: true, value: fallback };
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    return { ok: false, message: `Invalid value '${raw}' for $top: it must be an integer from 1 to ${max}.` };
  }
  return { ok: true, value };
}

export function parseSkip(raw: string | null): number | undefined {
  if (raw === null) return 0;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function maxPageSizeFromPrefer(prefer: string | undefined): string | null {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? "");
  return match ? (match[1] as string) : null;
}

export interface FilterClause {
  path: string[];
  value: string | boolean;
}

/**
 * `$filter` made of `field eq 'text'` / `field eq true|false` clauses joined by `and`
 * (e.g. `status eq 'active' and customer/tenantId eq '...'`). Undefined when the filter uses
 * anything else, so the caller can answer 400 rather than silently ignore it.
 */
export function parseEqualityFilter(filter: string): FilterClause[] | undefined {
  const clauses = filter.split(/\s+and\s+/i);
  const out: FilterClause[] = [];
  for (const clause of clauses) {
    const m = /^\s*([A-Za-z][\w/]*)\s+eq\s+(?:'((?:[^']|'')*)'|(true|false))\s*$/i.exec(clause);
    if (!m) return undefined;
    const text = m[2];
    out.push({ path: (m[1] as string).split("/"), value: text !== undefined ? text.replace(/''/g, "'") : m[3]?.toLowerCase() === "true" });
  }
  return out;
}

/** Enum and text comparisons are case-insensitive, as Graph's are for enum members. */
export function matchesFilter(item: unknown, clauses: readonly FilterClause[]): boolean {
  return clauses.every((clause) => {
    let current: unknown = item;
    for (const key of clause.path) current = typeof current === "object" && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    if (typeof clause.value === "boolean") return current === clause.value;
    return typeof current === "string" && current.toLowerCase() === clause.value.toLowerCase();
  });
}

/**
 * A query string that keeps OData's `$` literal in option names (`?$top=5&$skiptoken=...`), as
 * Graph's own nextLinks do; the Graph JS client recognises `$top`/`$skip` but not `%24top`.
 * Options whose value is null are left out.
 */
export function odataQueryString(entries: readonly (readonly [string, string | null])[]): string {
  return entries.flatMap(([key, value]) => (value === null ? [] : [`${key}=${encodeURIComponent(value)}`])).join("&");
}
