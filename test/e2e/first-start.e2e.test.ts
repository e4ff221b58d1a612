import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnBuiltServer } from "./support/built-server";
import { runNodeScript } from "./support/run-script";

const ROOT = join(__dirname, "..", "..");
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "psg-first-start-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const startGateway = (env: Record<string, string>) =>
  runNodeScript("src/server/main.js", [], { PSG_MODE: "sandbox", HOST: "127.0.0.1", LOG_LEVEL: "silent", DEMO_DATA: "off", ...env }, 30_000);

function listenOn(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
const portOf = (server: Server) => (server.address() as { port: number }).port;

describe("npm start refuses a start that cannot work, in one line, before touching the database", () => {
  it("names PORT and EMULATOR_PORT together when both are taken", async () => {
    const [a, b] = await Promise.all([listenOn(), listenOn()]);
    try {
      const dataDir = join(scratch, "ports");
      const result = await startGateway({ DATA_DIR: dataDir, PORT: String(portOf(a)), EMULATOR_PORT: String(portOf(b)) });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`PORT=${portOf(a)} on 127.0.0.1 (already in use)`);
      expect(lines[0]).toContain(`EMULATOR_PORT=${portOf(b)} on 127.0.0.1 (already in use)`);
      expect(result.stderr).not.toMatch(/Please check your implementation|\n\s+at /);
      // Refused before migrating or seeding: no database was created.
      expect(existsSync(join(dataDir, "psg.sqlite"))).toBe(false);
    } finally {
      a.close();
      b.close();
    }
  });

  it("names DATA_DIR and its path when the folder cannot be written", async () => {
    const blocker = join(scratch, "a-file");
    writeFileSync(blocker, "not a folder");
    const result = await startGateway({ DATA_DIR: join(blocker, "data"), PORT: "0", EMULATOR_PORT: "0" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Configuration error: DATA_DIR: cannot use ${join(blocker, "data")} (the folder) for writing: ENOTDIR`);
  });

  it("names DATABASE_URL and the SQLite file's path instead of 'unable to open database file'", async () => {
    const blocker = join(scratch, "another-file");
    writeFileSync(blocker, "not a folder");
    const file = join(blocker, "psg.sqlite");
    const result = await startGateway({ DATA_DIR: join(scratch, "db-data"), DATABASE_URL: `sqlite:${file}`, PORT: "0", EMULATOR_PORT: "0" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`DATABASE_URL: cannot use ${blocker} (the folder of the SQLite file ${file})`);
    expect(result.stderr).not.toContain("unable to open database file");
  });

  it("names SUPPORT_OFFERING_FILE with the path it resolved against the project root", async () => {
    const result = await startGateway({ DATA_DIR: join(scratch, "offering"), SUPPORT_OFFERING_FILE: "config/missing.json", PORT: "0", EMULATOR_PORT: "0" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Configuration error: SUPPORT_OFFERING_FILE: cannot read ${join(ROOT, "config", "missing.json")}: ENOENT`);
  });
});

describe("scripts/ensure-build.mjs (npm start and every npm run helper)", () => {
  const ensureBuild = join(ROOT, "scripts", "ensure-build.mjs");
  const run = (root: string) => spawnSync(process.execPath, [ensureBuild, root], { encoding: "utf8" });

  it("is silent and builds nothing when dist/ is up to date (the suite's global setup just built it)", () => {
    const result = spawnSync(process.execPath, [ensureBuild], { encoding: "utf8", cwd: ROOT });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("builds a scratch project once, again only after a source changes, and fails on a type error", () => {
    const project = join(scratch, "project");
    mkdirSync(join(project, "src"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: ".", strict: true, types: [], lib: ["es2022"], incremental: true, tsBuildInfoFile: "dist/.tsbuildinfo" }, include: ["src/**/*.ts"] }));
    writeFileSync(join(project, "src", "answer.ts"), "export const answer: number = 42;\n");

    const first = run(project);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain("Building dist/ (no previous build)");
    expect(execFileSync(process.execPath, ["-p", "require('./dist/src/answer.js').answer"], { cwd: project, encoding: "utf8" }).trim()).toBe("42");

    const second = run(project);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe("");

    writeFileSync(join(project, "src", "answer.ts"), "export const answer: number = 43;\n");
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(project, "src", "answer.ts"), later, later);
    const third = run(project);
    expect(third.stderr).toContain("Building dist/ (src/answer.ts changed)");
    expect(execFileSync(process.execPath, ["-p", "require('./dist/src/answer.js').answer"], { cwd: project, encoding: "utf8" }).trim()).toBe("43");

    writeFileSync(join(project, "src", "answer.ts"), "export const answer: number = 'not a number';\n");
    const muchLater = new Date(Date.now() + 10_000);
    utimesSync(join(project, "src", "answer.ts"), muchLater, muchLater);
    expect(run(project).status).toBe(1);
  }, 180_000);
});

describe("npm start in sandbox mode", () => {
  it("logs readable lines (no JSON) and prints the banner last, with the console, explorer and token hints", async () => {
    const server = await spawnBuiltServer(join(scratch, "pretty"), { LOG_FORMAT: "" });
    try {
      const output = [...server.output];
      const bannerAt = output.findIndex((line) => line.startsWith("Partner Support Gateway (sandbox mode"));
      expect(bannerAt).toBeGreaterThan(0);
      const logs = output.slice(0, bannerAt);
      expect(logs.some((line) => / INFO[: ]/.test(line))).toBe(true);
      expect(logs.filter((line) => line.trimStart().startsWith("{"))).toEqual([]);
      const banner = output.slice(bannerAt).join("\n");
      expect(banner).toContain(`Console:   ${server.gatewayUrl}/`);
      expect(banner).toContain(`Explorer: ${server.gatewayUrl}/explorer`);
      expect(banner).toContain("npm run --silent token -- ROLE");
      expect(output[output.length - 1]).toBe("More: npm run --silent token -- HELPDESK_AGENT");
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});
