import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenTicketDocument, TicketDocument } from "../generated/graphql";
import { startTestGateway, type TestGateway } from "./support/test-gateway";

/**
 * Issue 14: a full disk. The SQLite file lives on a real 3 MiB tmpfs (mounted here; this needs root,
 * as on the developers' and CI machines: the test fails, it does not skip, without it). Filled up,
 * writes answer SERVICE_UNAVAILABLE, /ready answers 503, every acknowledged ticket is still there,
 * and writes resume once space is freed.
 */

const mountPoint = mkdtempSync(join(tmpdir(), "psg-full-disk-"));
let gw: TestGateway;
let customerId: string;

beforeAll(async () => {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint]);
  mkdirSync(join(mountPoint, "db"));
  gw = await startTestGateway({ databaseUrl: `sqlite:${join(mountPoint, "db", "psg.sqlite")}` });
  customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
});
afterAll(async () => {
  await gw?.close();
  execFileSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Fills the file system with a filler file until ENOSPC. */
function fillDisk(file: string): void {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (let i = 0; i < 10_000; i++) writeSync(fd, chunk);
    throw new Error("the tmpfs never filled");
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
}

const ready = async () => {
  const response = await fetch(`${gw.app.gateway.url}/ready`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> } };
};

const openTicket = (n: number) =>
  gw.gql(OpenTicketDocument, {
    input: { customerId, title: `Disk test ${n}`, description: "d".repeat(4_000), category: "TECHNICAL", product: "MICROSOFT_365", severity: "MINIMAL" },
  });

describe("a full disk under the SQLite database", () => {
  it("answers SERVICE_UNAVAILABLE and 503 while full, loses nothing acknowledged, and resumes when space returns", async () => {
    expect((await ready()).status).toBe(200);
    const acknowledged: string[] = [];
    for (let n = 0; n < 5; n++) {
      const opened = await openTicket(n);
      expect(opened.errors).toEqual([]);
      acknowledged.push(opened.data!.openTicket.id);
    }

    const filler = join(mountPoint, "filler");
    fillDisk(filler);
    // Write until the database refuses (the WAL may still have room for a few): bounded.
    const codes: string[] = [];
    for (let n = 5; n < 400 && !codes.includes("SERVICE_UNAVAILABLE"); n++) {
      const opened = await openTicket(n);
      if (opened.errors.length === 0) acknowledged.push(opened.data!.openTicket.id);
      else codes.push(...opened.errors.map((error) => error.extensions.code));
    }
    expect(codes).toContain("SERVICE_UNAVAILABLE");
    expect(codes.filter((code) => code !== "SERVICE_UNAVAILABLE")).toEqual([]);
    const full = await ready();
    expect(full.status).toBe(503);
    expect(full.body.status).toBe("not ready");
    expect(full.body.checks.database!.ok).toBe(false);

    rmSync(filler);
    const resumed = await openTicket(1_000);
    expect(resumed.errors).toEqual([]);
    acknowledged.push(resumed.data!.openTicket.id);
    expect((await ready()).status).toBe(200);

    // Every ticket acknowledged before, during and after the outage is still there.
    for (const id of acknowledged) {
      const read = await gw.gql(TicketDocument, { id });
      expect(read.errors).toEqual([]);
      expect(read.data!.ticket!.id).toBe(id);
    }
    // Nothing half-written: exactly the acknowledged tickets exist, each with its one OPEN event.
    const db = new Database(join(mountPoint, "db", "psg.sqlite"), { readonly: true });
    try {
      const tickets = db.prepare("SELECT id FROM ticket ORDER BY id").all() as { id: string }[];
      expect(tickets.map((row) => row.id)).toEqual([...acknowledged].sort());
      const opens = db.prepare("SELECT count(*) AS n FROM ticket_event WHERE type = 'OPEN'").get() as { n: number };
      expect(opens.n).toBe(acknowledged.length);
    } finally {
      db.close();
    }
    console.info(`full disk: ${acknowledged.length} acknowledged tickets all readable; refused writes: ${codes.length} x SERVICE_UNAVAILABLE`);
  }, 120_000);
});
