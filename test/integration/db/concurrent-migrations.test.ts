import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../../src/db/migrations/migration-list";
import { createPostgresDatabase } from "../../e2e/support/test-gateway";

/**
 * Issue 14: instances starting together on an empty database all start. Three separate processes
 * (the built code, as three gateways would run it) call openDatabase at the same instant, 10 rounds
 * on a fresh database each; every process succeeds and each migration is recorded exactly once.
 */

const INSTANCES = 3;
const ROUNDS = 10;

let scratchDir: string;
let childScript: string;

beforeAll(() => {
  scratchDir = mkdtempSync(join(tmpdir(), "psg-migrate-race-"));
  childScript = join(scratchDir, "open-database.cjs");
  // Loads the modules first, then waits for the shared start instant so the three runs overlap.
  writeFileSync(
    childScript,
    `require(${JSON.stringify(resolve("node_modules/reflect-metadata"))});
const { openDatabase } = require(${JSON.stringify(resolve("dist/src/db/data-source.js"))});
const [url, startAt] = process.argv.slice(2);
setTimeout(() => openDatabase(url).then(
  async (dataSource) => { await dataSource.destroy(); process.stdout.write("ok"); },
  (error) => { process.stdout.write("failed: " + (error && error.message)); process.exitCode = 1; },
), Math.max(0, Number(startAt) - Date.now()));
`,
  );
});
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

function runInstance(url: string, startAt: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [childScript, url, String(startAt)], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolveRun({ code, output });
    });
  });
}

async function startTogether(url: string): Promise<{ code: number | null; output: string }[]> {
  const startAt = Date.now() + 1_200; // after every child has loaded its modules
  return Promise.all(Array.from({ length: INSTANCES }, () => runInstance(url, startAt)));
}

const expectedNames = migrations.map((migration) => migration.name).sort();

describe("simultaneous starts on an empty database", () => {
  it(`PostgreSQL: ${INSTANCES} processes x ${ROUNDS} rounds all migrate and start`, async () => {
    let started = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const scratch = await createPostgresDatabase();
      try {
        const results = await startTogether(scratch.url);
        for (const result of results) expect(result, `round ${round}: ${result.output}`).toMatchObject({ code: 0, output: "ok" });
        started += results.length;
        const client = new Client({ connectionString: scratch.url });
        await client.connect();
        try {
          const rows = (await client.query("SELECT name FROM migrations ORDER BY name")).rows as { name: string }[];
          expect(rows.map((row) => row.name)).toEqual(expectedNames);
        } finally {
          await client.end();
        }
      } finally {
        await scratch.drop();
      }
    }
    expect(started).toBe(INSTANCES * ROUNDS);
  }, 240_000);

  it(`SQLite: ${INSTANCES} processes x ${ROUNDS} rounds on one new file all migrate and start`, async () => {
    let started = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(scratchDir, `round-${round}.sqlite`);
      const results = await startTogether(`sqlite:${file}`);
      for (const result of results) expect(result, `round ${round}: ${result.output}`).toMatchObject({ code: 0, output: "ok" });
      started += results.length;
      const db = new Database(file, { readonly: true });
      try {
        const rows = db.prepare("SELECT name FROM migrations ORDER BY name").all() as { name: string }[];
        expect(rows.map((row) => row.name)).toEqual(expectedNames);
      } finally {
        db.close();
      }
    }
    expect(started).toBe(INSTANCES * ROUNDS);
  }, 240_000);
});
