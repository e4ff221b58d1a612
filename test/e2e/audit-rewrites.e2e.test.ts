import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDiagnosedTickets } from "./support/diagnosed-tickets";
import { runNodeScript, type ScriptResult } from "./support/run-script";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { SqliteAttacker } from "./support/sqlite-attacker";

const DAY_MS = 86_400_000;

/**
 * Issue 14's rewrites, each done with direct SQL on a copy of a real gateway's SQLite file by
 * someone who has the code but not the signing key: `audit:verify` must pass before and fail
 * after, naming the ticket.
 */
describe("audit:verify against rewrites of the database file", () => {
  let gw: TestGateway;
  let baseline: string;
  let publicKey: string;
  let exported: string;
  const tickets: string[] = [];
  let otherCustomer: string;
  const scratch: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ env: { AUDIT_CHECKPOINT_INTERVAL_MS: "0" } });
    const seed = gw.app.emulator!.seed.tenants;
    const customerId = seed.find((tenant) => tenant.index === 0)!.id;
    otherCustomer = seed.find((tenant) => tenant.index === 1)!.id;
    tickets.push(...(await openDiagnosedTickets(gw, customerId, ["Teams calls drop", "SharePoint sync fails", "Licences missing"])));
    // Closing the app signs a last checkpoint over everything written.
    await gw.app.close();
    baseline = join(gw.dataDir, "psg.sqlite");
    publicKey = join(gw.dataDir, "audit-signing-key.pub.pem");
    exported = join(gw.dataDir, "checkpoints.ndjson");
  });
  afterAll(async () => {
    await gw?.close().catch(() => undefined);
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  const baseEnv = () => ({ DATABASE_URL: `sqlite:${baseline}`, DATA_DIR: gw.dataDir, LOG_LEVEL: "silent" });

  /** A copy of the database in a folder that holds no key: the attacker's and the offline verifier's view. */
  function copyOfDatabase(): { file: string; env: Record<string, string> } {
    const dir = mkdtempSync(join(tmpdir(), "psg-audit-"));
    scratch.push(dir);
    const file = join(dir, "psg.sqlite");
    copyFileSync(baseline, file);
    for (const suffix of ["-wal", "-shm"]) if (existsSync(baseline + suffix)) copyFileSync(baseline + suffix, file + suffix);
    return { file, env: { DATABASE_URL: `sqlite:${file}`, DATA_DIR: dir, LOG_LEVEL: "silent" } };
  }

  const verify = (env: Record<string, string>, extra: string[] = []): Promise<ScriptResult> =>
    runNodeScript("scripts/audit-verify.js", ["--public-key", publicKey, ...extra], env);

  /** Verifies the copy untouched, lets `attack` rewrite it, verifies again. */
  async function rewrite(attack: (attacker: SqliteAttacker) => void, extra: string[] = []): Promise<{ before: ScriptResult; after: ScriptResult }> {
    const copy = copyOfDatabase();
    const before = await verify(copy.env, extra);
    const attacker = new SqliteAttacker(copy.file);
    try {
      attack(attacker);
    } finally {
      attacker.close();
    }
    return { before, after: await verify(copy.env, extra) };
  }

  function expectCaught(result: { before: ScriptResult; after: ScriptResult }, ticketId: string, kind: string): void {
    expect(result.before.code, result.before.stdout + result.before.stderr).toBe(0);
    expect(result.after.code, result.after.stdout + result.after.stderr).toBe(1);
    expect(result.after.stdout).toMatch(new RegExp(`FAILED for ticket ${ticketId} at sequence \\d+.*\\[${kind}\\]`));
  }

  it("signs a checkpoint on shutdown with a key kept outside the database, mode 0600", () => {
    const key = join(gw.dataDir, "audit-signing-key.pem");
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(publicKey, "utf8")).toContain("BEGIN PUBLIC KEY");
  });

  it("passes on the untouched database, with the key found from DATA_DIR or given on the command line", async () => {
    const implicit = await runNodeScript("scripts/audit-verify.js", [], baseEnv());
    expect(implicit.code, implicit.stdout + implicit.stderr).toBe(0);
    expect(implicit.stdout).toContain("Audit verification passed: 3 tickets, 9 events");
    expect(implicit.stdout).toMatch(/global chain of 9 events intact; 1 checkpoints verified/);
    expect((await verify(copyOfDatabase().env)).code).toBe(0);
  });

  it("npm run audit:checkpoint signs nothing new and exports the checkpoints as NDJSON", async () => {
    const result = await runNodeScript("scripts/audit-checkpoint.js", ["--export", exported], baseEnv());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("nothing signed");
    const lines = readFileSync(exported, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ fromSequence: 0, sequence: 9 });
    expect(Object.keys(lines[0]!).sort()).toEqual(["at", "fromSequence", "headHash", "keyId", "sequence", "signature", "tickets"]);
  });

  it("(1) truncating a ticket's last events and recomputing its row from the replay", async () => {
    const result = await rewrite((attacker) => {
      attacker.db.prepare("DELETE FROM ticket_event WHERE ticket_id = ? AND sequence = 3").run(tickets[0]);
      attacker.recomputeRow(tickets[0]!);
      attacker.rechainGlobal();
    });
    expectCaught(result, tickets[0]!, "TRUNCATED");
  });

  it("(2) changing an actor and re-chaining the tail, per ticket and globally", async () => {
    const result = await rewrite((attacker) => {
      attacker.db.prepare("UPDATE ticket_event SET actor_id = 'agent-mallory', actor_name = 'Mallory' WHERE ticket_id = ? AND sequence = 3").run(tickets[1]);
      attacker.rechainTicket(tickets[1]!);
      attacker.recomputeRow(tickets[1]!);
      attacker.rechainGlobal();
    });
    expectCaught(result, tickets[1]!, "RECHAINED");
  });

  it("(3) back-dating every event by 30 days and re-chaining everything", async () => {
    const result = await rewrite((attacker) => {
      const rows = attacker.db.prepare("SELECT id, at FROM ticket_event").all() as { id: string; at: string }[];
      const update = attacker.db.prepare("UPDATE ticket_event SET at = ? WHERE id = ?");
      for (const row of rows) update.run(new Date(Date.parse(row.at) - 30 * DAY_MS).toISOString(), row.id);
      for (const id of attacker.ticketIds()) {
        attacker.rechainTicket(id);
        attacker.recomputeRow(id);
      }
      attacker.rechainGlobal();
    });
    for (const id of tickets) expectCaught(result, id, "RECHAINED");
  });

  it("(4) deleting a whole ticket, row and events", async () => {
    const result = await rewrite((attacker) => {
      attacker.db.prepare("DELETE FROM ticket_event WHERE ticket_id = ?").run(tickets[2]);
      for (const table of ["sla_policy_version", "sla_breach", "outbox_job", "ticket_sla_due"]) {
        const exists = attacker.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
        if (exists) attacker.db.prepare(`DELETE FROM ${table} WHERE ticket_id = ?`).run(tickets[2]);
      }
      attacker.db.prepare("DELETE FROM ticket WHERE id = ?").run(tickets[2]);
      attacker.rechainGlobal();
    });
    expectCaught(result, tickets[2]!, "DELETED");
  });

  it("(5a) inserting a forged ticket with a valid chain inside the signed history", async () => {
    const forged = "0190f000-0000-7000-8000-00000000f0f0";
    const result = await rewrite((attacker) =>
      attacker.forgeTicket({ ticketId: forged, customerId: otherCustomer, at: new Date(Date.now() - 60_000), afterGlobalSequence: 4 }),
    );
    expectCaught(result, forged, "INSERTED");
  });

  it("(5b) appending a forged, back-dated ticket after the last checkpoint", async () => {
    const forged = "0190f000-0000-7000-8000-00000000f0f1";
    const result = await rewrite((attacker) => attacker.forgeTicket({ ticketId: forged, customerId: otherCustomer, at: new Date(Date.now() - 10 * DAY_MS) }));
    expectCaught(result, forged, "BACK_DATED");
  });

  it("(6) moving a ticket to another customer with UPDATE ticket SET customer_id", async () => {
    const result = await rewrite((attacker) => attacker.db.prepare("UPDATE ticket SET customer_id = ? WHERE id = ?").run(otherCustomer, tickets[0]));
    expectCaught(result, tickets[0]!, "ROW");
    expect(result.after.stdout).toContain(`customer_id is "${otherCustomer}"`);
  });

  it("refuses a checkpoint forged without the key", async () => {
    const result = await rewrite((attacker) => {
      attacker.db.prepare("DELETE FROM audit_checkpoint").run();
      attacker.db
        .prepare("INSERT INTO audit_checkpoint (sequence, from_sequence, head_hash, at, key_id, tickets, signature) VALUES (9, 0, ?, ?, ?, '[]', ?)")
        .run("0".repeat(64), new Date().toISOString(), JSON.parse(readFileSync(exported, "utf8").split("\n")[0]!).keyId, Buffer.alloc(64).toString("base64"));
    });
    expect(result.before.code).toBe(0);
    expect(result.after.code).toBe(1);
    expect(result.after.stdout).toContain("[CHECKPOINT] checkpoint 9 has a signature that does not verify");
  });

  it("with the checkpoints deleted from the database, a full rewrite passes the database alone but not the exported copy", async () => {
    const copy = copyOfDatabase();
    const attacker = new SqliteAttacker(copy.file);
    try {
      attacker.db.prepare("DELETE FROM audit_checkpoint").run();
      attacker.db.prepare("UPDATE ticket_event SET actor_name = 'Mallory' WHERE ticket_id = ? AND sequence = 2").run(tickets[1]);
      attacker.rechainTicket(tickets[1]!);
      attacker.recomputeRow(tickets[1]!);
      attacker.rechainGlobal();
    } finally {
      attacker.close();
    }
    const alone = await verify(copy.env);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain("NO checkpoints yet");
    const offline = await verify(copy.env, ["--checkpoints", exported]);
    expect(offline.code).toBe(1);
    expect(offline.stdout).toContain("of the external copy is not in the database (deleted)");
    expect(offline.stdout).toMatch(new RegExp(`FAILED for ticket ${tickets[1]} at sequence 3.*\\[RECHAINED\\]`));
  });

  it("refuses a checkpoint file signed by another key and a public key it cannot read", async () => {
    const copy = copyOfDatabase();
    const otherKeyDir = mkdtempSync(join(tmpdir(), "psg-audit-key-"));
    scratch.push(otherKeyDir);
    const other = await runNodeScript("scripts/audit-checkpoint.js", ["--public-key"], { ...copy.env, AUDIT_SIGNING_KEY_FILE: join(otherKeyDir, "k.pem") });
    expect(other.code, other.stderr).toBe(0);
    const wrongKey = await runNodeScript("scripts/audit-verify.js", ["--public-key", join(otherKeyDir, "k.pub.pem"), "--checkpoints", exported], copy.env);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toContain("which is not the verifier's");
    const unreadable = await runNodeScript("scripts/audit-verify.js", ["--public-key", join(otherKeyDir, "missing.pem")], copy.env);
    expect(unreadable.code).toBe(2);
  });
});

describe("audit:verify on the sandbox demo data", () => {
  it("passes: the demo seed writes its back-dated history in time order", async () => {
    const gw = await startTestGateway({ env: { DEMO_DATA: "on" } });
    try {
      await gw.app.close();
      const result = await runNodeScript("scripts/audit-verify.js", [], { DATABASE_URL: gw.config.databaseUrl, DATA_DIR: gw.dataDir, LOG_LEVEL: "silent" });
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toMatch(/passed: 40 tickets, \d+ events.*1 checkpoints verified/);
    } finally {
      await gw.close().catch(() => undefined);
    }
  }, 120_000);
});
