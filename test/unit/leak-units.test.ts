import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config";
import { AssertionCipher, assertionKeyId, loadOrCreateSandboxAssertionKey, parseAssertionKeys } from "../../src/escalation/assertion-cipher";
import { csvField } from "../../src/reporting/audit-export";
import { requireLabel, requireText } from "../../src/tickets/ticket-input.validation";

const configError = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("CSV export cells (OWASP CSV injection)", () => {
  it("escapes text a spreadsheet would evaluate with a leading quote, and quotes it", () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField("+1+cmd|' /C calc'!A0")).toBe(`"'+1+cmd|' /C calc'!A0"`);
    expect(csvField("-2+3")).toBe(`"'-2+3"`);
    expect(csvField("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvField("\t=1")).toBe(`"'\t=1"`);
    expect(csvField("\r=1")).toBe(`"'\r=1"`);
  });

  it("leaves other text, numbers and empty cells as RFC 4180 has them", () => {
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("")).toBe("");
    expect(csvField(null)).toBe("");
    expect(csvField(-3)).toBe("-3");
    expect(csvField('{"note":"=1"}')).toBe('"{""note"":""=1""}"');
  });
});

describe("configuration errors never echo a value", () => {
  it("names the variable of a malformed REDIS_URL without its password", () => {
    const error = configError({ REDIS_URL: "redis//default:s3cr3t-Pa55@cache.internal:6379" });
    expect(error.variable).toBe("REDIS_URL");
    expect(error.message).not.toContain("s3cr3t");
    expect(error.message).not.toContain("cache.internal");
  });

  it("redacts a malformed DATABASE_URL and assertion keys", () => {
    expect(configError({ DATABASE_URL: "mysql://admin:hunter2@db/x" }).message).not.toContain("hunter2");
    const badKey = "c2hvcnQta2V5LXNlY3JldA==";
    for (const variable of ["ASSERTION_KEY", "ASSERTION_KEYS"]) {
      const error = configError({ [variable]: badKey });
      expect(error.variable).toBe(variable);
      expect(error.message).not.toContain(badKey);
    }
  });

  it("requires an assertion key in microsoft mode", () => {
    const microsoft = {
      PSG_MODE: "microsoft",
      PARTNER_TENANT_ID: "11111111-2222-4333-8444-555555555555",
      AZURE_CLIENT_ID: "app",
      AZURE_CLIENT_SECRET: "secret",
    };
    expect(configError(microsoft).variable).toBe("ASSERTION_KEY");
    const key = randomBytes(32).toString("base64");
    const old = randomBytes(32).toString("base64");
    expect(parseConfig({ ...microsoft, ASSERTION_KEY: key, ASSERTION_KEYS: old }).assertionKeys!.map((k) => k.toString("base64"))).toEqual([key, old]);
  });
});

describe("AssertionCipher (AES-256-GCM key ring)", () => {
  const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudC1odWdvIn0.c2lnbmF0dXJl";

  it("seals with the first key, opens with any key of the ring, and reveals nothing of the token", () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = new AssertionCipher([oldKey]).seal(token, "ticket-1");
    expect(before).not.toContain("eyJ");
    expect(before.split(".")[1]).toBe(assertionKeyId(oldKey));
    const rotated = new AssertionCipher([newKey, oldKey]);
    expect(rotated.open(before, "ticket-1")).toBe(token);
    expect(rotated.seal(token, "ticket-1").split(".")[1]).toBe(assertionKeyId(newKey));
    // Retired key, other row, tampered blob: nothing opens.
    expect(new AssertionCipher([newKey]).open(before, "ticket-1")).toBeNull();
    expect(rotated.open(before, "ticket-2")).toBeNull();
    const parts = before.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    parts[3] = flipped.toString("base64url");
    expect(rotated.open(parts.join("."), "ticket-1")).toBeNull();
    expect(rotated.open(token, "ticket-1")).toBeNull();
  });

  it("uses a fresh nonce per seal", () => {
    const cipher = new AssertionCipher([randomBytes(32)]);
    expect(cipher.seal(token, "t")).not.toBe(cipher.seal(token, "t"));
  });

  it("parses 32-byte base64 keys only", () => {
    expect(parseAssertionKeys([randomBytes(32).toString("base64"), randomBytes(32).toString("base64url")])).toMatchObject({ keys: [expect.any(Buffer), expect.any(Buffer)] });
    expect(parseAssertionKeys([randomBytes(16).toString("base64")])).toEqual({ error: expect.stringContaining("key 1") });
    expect(parseAssertionKeys(["not base64!"])).toEqual({ error: expect.stringContaining("key 1") });
  });

  it("keeps the sandbox key owner-only in DATA_DIR and reuses it", () => {
    const dir = mkdtempSync(join(tmpdir(), "psg-assertion-key-"));
    try {
      const dataDir = join(dir, "data");
      const key = loadOrCreateSandboxAssertionKey(dataDir);
      expect(key).toHaveLength(32);
      expect(statSync(join(dataDir, "assertion-key")).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(loadOrCreateSandboxAssertionKey(dataDir).equals(key)).toBe(true);
      expect(Buffer.from(readFileSync(join(dataDir, "assertion-key"), "utf8").trim(), "base64").equals(key)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ticket text validation", () => {
  it("treats text made only of invisible characters as empty", () => {
    for (const text of ["\u200B", "\u200C\u200D", "\u2060\uFEFF", "\u00AD", "\u3164", "\u2800", "\u200E\u200F", "\uFE0F", "\u{E0041}"]) {
      expect(() => requireText("note", text, 100), JSON.stringify(text)).toThrowError(/must not be empty/);
    }
    expect(requireText("note", "ok\u200Bok", 100)).toBe("ok\u200Bok");
  });

  it("refuses bidi embedding, override and isolate controls in labels", () => {
    for (const control of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(() => requireLabel("input.title", `invoice${control}txt.exe`, 200)).toThrowError(/bidirectional/);
    }
    expect(requireLabel("input.title", "\u0641\u0627\u062A\u0648\u0631\u0629 \u200F2024", 200)).toBe("\u0641\u0627\u062A\u0648\u0631\u0629 \u200F2024");
  });
});
