import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../../src/emulator";
import { startKit } from "./emulator-test-kit";

describe("emulator TLS", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("persists its certificate under tlsDir and reuses it on the next start", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emulator-tls-"));
    dirs.push(dir);
    const first = await startEmulator({ port: 0, tenants: 1, tlsDir: dir });
    await first.close();
    const second = await startEmulator({ port: 0, tenants: 1, tlsDir: dir });
    await second.close();
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.caCertPath).toBe(join(dir, "emulator-cert.pem"));
  });

  it("serves HTTPS that a client trusting only its certificate accepts, on a localhost URL", async () => {
    const kit = await startKit({ tenants: 1 });
    try {
      expect(kit.emulator.url).toMatch(/^https:\/\/localhost:\d+$/);
      const res = await kit.control("GET", "/tenants");
      expect(res.status).toBe(200);
    } finally {
      await kit.close();
    }
  });

  it("refuses an invalid port", async () => {
    await expect(startEmulator({ port: 70_000 })).rejects.toThrow(/port/);
  });
});
