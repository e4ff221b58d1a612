import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, parseConfig, PROJECT_ROOT } from "../../../src/config";

const ROOT = "/srv/psg";
const parse = (env: Record<string, string>) => parseConfig(env, { projectRoot: ROOT });
const refusal = (env: Record<string, string>): ConfigError => {
  try {
    parse(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("the configuration was accepted");
};

describe("configuration paths", () => {
  it("keeps the default SQLite file under DATA_DIR, so two DATA_DIRs never share a database", () => {
    expect(parse({}).databaseUrl).toBe(`sqlite:${join(ROOT, "data", "psg.sqlite")}`);
    expect(parse({ DATA_DIR: "/var/lib/psg-a" }).databaseUrl).toBe("sqlite:/var/lib/psg-a/psg.sqlite");
    expect(parse({ DATA_DIR: "/var/lib/psg-b" }).databaseUrl).toBe("sqlite:/var/lib/psg-b/psg.sqlite");
  });

  it("resolves relative paths against the project root, not the current directory", () => {
    const config = parse({ DATA_DIR: "state", DATABASE_URL: "sqlite:db/gw.sqlite", SUPPORT_OFFERING_FILE: "config/offering.json" });
    expect(config.dataDir).toBe(join(ROOT, "state"));
    expect(config.databaseUrl).toBe(`sqlite:${join(ROOT, "db", "gw.sqlite")}`);
    expect(config.supportOfferingFile).toBe(join(ROOT, "config", "offering.json"));
    expect(config.supportTopicsFile).toBe(join(ROOT, "config", "support-topics.json"));
    expect(config.audit.signingKeyFile).toBe(join(ROOT, "state", "audit-signing-key.pem"));
  });

  it("leaves absolute paths, sqlite::memory: and PostgreSQL URLs as they are", () => {
    expect(parse({ DATA_DIR: "/tmp/x" }).dataDir).toBe("/tmp/x");
    expect(parse({ DATABASE_URL: "sqlite::memory:" }).databaseUrl).toBe("sqlite::memory:");
    expect(parse({ DATABASE_URL: "postgres://u@h:5432/d" }).databaseUrl).toBe("postgres://u@h:5432/d");
  });

  it("finds the project root from the module, wherever the process runs", () => {
    expect(PROJECT_ROOT).toBe(join(__dirname, "..", "..", ".."));
  });
});

describe("CORS_ORIGINS", () => {
  it("accepts origins and refuses anything that is not one, naming the variable", () => {
    expect(parse({ CORS_ORIGINS: "https://desk.example.com, http://localhost:5173/" }).corsOrigins).toEqual(["https://desk.example.com", "http://localhost:5173/"]);
    for (const bad of ["not a url", "https://desk.example.com/app", "ftp://files.example.com", "localhost:3000"]) {
      const error = refusal({ CORS_ORIGINS: bad });
      expect(error.variable).toBe("CORS_ORIGINS");
      expect(error.message).toContain("is not a URL origin");
    }
  });
});

describe("LOG_LEVEL", () => {
  it("takes a level in any case and refuses an unknown one", () => {
    expect(parse({ LOG_LEVEL: "INFO" }).logLevel).toBe("info");
    expect(parse({ LOG_LEVEL: " Debug " }).logLevel).toBe("debug");
    expect(refusal({ LOG_LEVEL: "verbose" }).variable).toBe("LOG_LEVEL");
  });
});

describe(".env.example", () => {
  it("lists every variable of the configuration, and no other", () => {
    const listed = [...readFileSync(join(PROJECT_ROOT, ".env.example"), "utf8").matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
