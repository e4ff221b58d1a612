import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { AppError, ErrorCode, isUnavailableError } from "../../../src/errors";
import { formatGraphQLError } from "../../../src/graphql/format-error";

const dir = mkdtempSync(join(tmpdir(), "psg-unavailable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a real call throws (these tests use the real drivers, not hand-made objects). */
async function thrownBy(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("isUnavailableError on real driver errors", () => {
  it("SQLite: a read-only file, a full database (max_page_count) and a closed connection are unavailable", async () => {
    const file = join(dir, "a.sqlite");
    const writer = new Database(file);
    writer.exec("CREATE TABLE t (v TEXT)");
    writer.close();
    const readonly = new Database(file, { readonly: true });
    const readOnlyError = await thrownBy(() => readonly.exec("INSERT INTO t VALUES ('x')"));
    expect((readOnlyError as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(isUnavailableError(readOnlyError)).toBe(true);
    readonly.close();

    const full = new Database(join(dir, "full.sqlite"));
    full.exec("CREATE TABLE t (v TEXT)");
    full.pragma(`max_page_count = ${full.pragma("page_count", { simple: true }) as number}`);
    const fullError = await thrownBy(() => full.prepare("INSERT INTO t VALUES (?)").run("x".repeat(100_000)));
    expect((fullError as { code: string }).code).toBe("SQLITE_FULL");
    expect(isUnavailableError(fullError)).toBe(true);
    full.close();
    expect(isUnavailableError(await thrownBy(() => full.exec("SELECT 1")))).toBe(true);
  });

  it("SQLite: a constraint violation or a syntax error is not", async () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (v TEXT PRIMARY KEY)");
    db.exec("INSERT INTO t VALUES ('x')");
    expect(isUnavailableError(await thrownBy(() => db.exec("INSERT INTO t VALUES ('x')")))).toBe(false);
    expect(isUnavailableError(await thrownBy(() => db.exec("SELEC 1")))).toBe(false);
    db.close();
  });

  it("PostgreSQL: connection refused and a terminated session are unavailable; a bad query is not", async () => {
    const refused = new Client({ connectionString: "postgres://postgres@127.0.0.1:1/test", connectionTimeoutMillis: 2000 });
    expect(isUnavailableError(await thrownBy(() => refused.connect()))).toBe(true);

    const victim = new Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
    victim.on("error", () => undefined);
    await victim.connect();
    const badQuery = await thrownBy(() => victim.query("SELECT * FROM no_such_table_here"));
    expect((badQuery as { code: string }).code).toBe("42P01");
    expect(isUnavailableError(badQuery)).toBe(false);
    const pid = (await victim.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
    const admin = new Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.end();
    const terminated = await thrownBy(() => victim.query("SELECT 1"));
    expect(isUnavailableError(terminated)).toBe(true);
    await victim.end().catch(() => undefined);
  });

  it("Redis: a command on a client that cannot connect is unavailable", async () => {
    const redis = new Redis("redis://127.0.0.1:1", { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    redis.on("error", () => undefined);
    expect(isUnavailableError(await thrownBy(() => redis.connect()))).toBe(true);
    expect(isUnavailableError(await thrownBy(() => redis.ping()))).toBe(true);
    redis.disconnect();
  });

  it("walks cause and driverError chains; ordinary errors and AppErrors are not unavailable", () => {
    expect(isUnavailableError(new Error("wrapped", { cause: Object.assign(new Error("disk"), { code: "ENOSPC" }) }))).toBe(true);
    expect(isUnavailableError({ message: "query failed", driverError: { code: "53100", message: "could not extend file" } })).toBe(true);
    expect(isUnavailableError({ code: "57P01", message: "terminating connection due to administrator command" })).toBe(true);
    expect(isUnavailableError(new TypeError("x is undefined"))).toBe(false);
    expect(isUnavailableError(new AppError(ErrorCode.NOT_FOUND, "Ticket t was not found"))).toBe(false);
    expect(isUnavailableError({ code: "23505", message: "duplicate key" })).toBe(false);
    expect(isUnavailableError(null)).toBe(false);
    expect(isUnavailableError("ECONNREFUSED")).toBe(false);
  });
});

describe("formatGraphQLError for unavailable dependencies", () => {
  it("answers SERVICE_UNAVAILABLE with retryAfterSeconds and no driver text, and still logs the original", () => {
    const original = Object.assign(new Error("SQLITE_FULL: database or disk is full at /var/lib/psg/psg.sqlite"), { code: "SQLITE_FULL" });
    const logged: unknown[] = [];
    const formatted = formatGraphQLError({ message: original.message, path: ["openTicket"] }, original, { exposeInternals: false, onInternal: (e) => logged.push(e) });
    expect(formatted.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 });
    expect(formatted.message).not.toMatch(/sqlite|var\/lib/i);
    expect(formatted.path).toEqual(["openTicket"]);
    expect(logged).toEqual([original]);
  });

  it("an unknown bug is still INTERNAL", () => {
    const formatted = formatGraphQLError({ message: "boom" }, new TypeError("boom"), { exposeInternals: false });
    expect(formatted.extensions).toEqual({ code: "INTERNAL" });
  });
});
