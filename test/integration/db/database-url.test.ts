import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../../src/db/database-url";

describe("parseDatabaseUrl", () => {
  it("resolves a relative sqlite path against the working directory", () => {
    expect(parseDatabaseUrl("sqlite:data/gateway.db", "/srv/app")).toEqual({ kind: "sqlite", database: "/srv/app/data/gateway.db" });
    expect(parseDatabaseUrl("sqlite://data/gateway.db", "/srv/app")).toEqual({ kind: "sqlite", database: "/srv/app/data/gateway.db" });
  });

  it("keeps absolute sqlite paths and the in-memory database", () => {
    expect(parseDatabaseUrl("sqlite:///var/lib/gw.db", "/srv")).toEqual({ kind: "sqlite", database: "/var/lib/gw.db" });
    expect(parseDatabaseUrl("sqlite:/var/lib/gw.db", "/srv")).toEqual({ kind: "sqlite", database: "/var/lib/gw.db" });
    expect(parseDatabaseUrl("sqlite::memory:")).toEqual({ kind: "sqlite", database: ":memory:" });
  });

  it("passes postgres:// and postgresql:// URLs through", () => {
    expect(parseDatabaseUrl("postgres://u@127.0.0.1:5432/db")).toEqual({ kind: "postgres", url: "postgres://u@127.0.0.1:5432/db" });
    expect(parseDatabaseUrl("postgresql://u@h/db")).toEqual({ kind: "postgres", url: "postgresql://u@h/db" });
  });

  it("refuses other schemes and an empty sqlite path", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/sqlite: or postgres/);
    expect(() => parseDatabaseUrl("sqlite:")).toThrow(/file path/);
  });
});
