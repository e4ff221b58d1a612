import path from "node:path";

/** Where the data lives, parsed from `DATABASE_URL`. */
export type DatabaseTarget =
  | { readonly kind: "sqlite"; readonly database: string } // a file path or ":memory:"
  | { readonly kind: "postgres"; readonly url: string };

/**
 * Parses `sqlite:PATH` (relative to `cwd`, or absolute; `sqlite::memory:` for an in-memory
 * database) and `postgres://...` / `postgresql://...`.
 *
 * @example parseDatabaseUrl("sqlite:data/gateway.db") // { kind: "sqlite", database: "/cwd/data/gateway.db" }
 */
export function parseDatabaseUrl(databaseUrl: string, cwd: string = process.cwd()): DatabaseTarget {
  const url = databaseUrl.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgres", url };
  if (/^sqlite:/i.test(url)) {
    // Accept `sqlite:PATH`, `sqlite://PATH` and `sqlite:///ABSOLUTE`.
    const rest = url.slice("sqlite:".length).replace(/^\/\//, "");
    if (rest === ":memory:") return { kind: "sqlite", database: ":memory:" };
    if (rest === "") throw new Error("DATABASE_URL sqlite: needs a file path, e.g. sqlite:data/gateway.db");
    return { kind: "sqlite", database: path.resolve(cwd, rest) };
  }
  throw new Error("DATABASE_URL must start with sqlite: or postgres:// (or postgresql://)");
}
