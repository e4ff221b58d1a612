import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runNodeScript } from "./support/run-script";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "psg-cli-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("configuration errors", () => {
  it.each([
    ["PORT", "abc"],
    ["PSG_MODE", "production"],
    ["DATABASE_URL", "mysql://localhost/x"],
    ["EMULATOR_TENANTS", "0"],
    ["PARTNER_SUPPORT_VEHICLES", "GOLD_SUPPORT"],
  ])("exits non-zero with one line naming %s", async (variable, value) => {
    const result = await runNodeScript("src/server/main.js", [], { [variable]: value, DATA_DIR: tempDir() });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable}: `));
    expect(result.stdout).toBe("");
  });

  it("requires the app registration in microsoft mode", async () => {
    const result = await runNodeScript("src/server/main.js", [], { PSG_MODE: "microsoft", DATA_DIR: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("PARTNER_TENANT_ID: is required when PSG_MODE=microsoft");
  });
});

describe("npm run token", () => {
  it("prints only a token for the role, which the gateway then accepts", async () => {
    const dataDir = tempDir();
    const result = await runNodeScript("scripts/token.js", ["SUPPORT_LEAD"], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const payload = JSON.parse(Buffer.from(result.stdout.split(".")[1]!, "base64url").toString());
    expect(payload).toMatchObject({ sub: "agent-lea", roles: ["SUPPORT_LEAD"] });
  });

  it("refuses an unknown role", async () => {
    const result = await runNodeScript("scripts/token.js", ["JANITOR"], { DATA_DIR: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Unknown role");
  });
});

describe("npm start", () => {
  it("serves GraphQL on its embedded defaults, prints the banner and stops on SIGTERM", async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [join(process.cwd(), "dist/src/server/main.js")], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`, PORT: "0", EMULATOR_PORT: "0", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!stdout.includes("More: npm run") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const graphqlUrl = stdout.match(/GraphQL:\s+(\S+)/)?.[1];
      const token = stdout.match(/HELPDESK_AGENT\s+(\S+)/)?.[1];
      expect(stdout).toMatch(/Emulator:\s+https:\/\/localhost:\d+/);
      expect(graphqlUrl).toMatch(/^http:\/\/localhost:\d+\/graphql$/);
      const response = await fetch(graphqlUrl!, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ customers(first: 100) { totalCount } }" }),
      });
      expect(await response.json()).toEqual({ data: { customers: { totalCount: 25 } } });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
