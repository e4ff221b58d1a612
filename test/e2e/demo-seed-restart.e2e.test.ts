import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestGateway } from "./support/test-gateway";

/** `npm start` seeds the demo tickets once: a second start on the same database adds nothing and starts. */
describe("sandbox demo data across restarts", () => {
  it("a second start on the same database finds the demo tickets (scoped idempotency keys) and seeds none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "psg-demo-restart-"));
    const databaseUrl = `sqlite:${join(dir, "psg.sqlite")}`;
    try {
      const first = await startTestGateway({ databaseUrl, env: { DEMO_DATA: "on" } });
      const countTickets = async (gw: typeof first) => Number(((await gw.app.dataSource.query("SELECT COUNT(*) AS n FROM ticket")) as { n: number }[])[0]!.n);
      const seeded = await countTickets(first);
      expect(seeded).toBe(40);
      await first.close();

      const second = await startTestGateway({ databaseUrl, env: { DEMO_DATA: "on" } });
      try {
        expect(await countTickets(second)).toBe(seeded);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
