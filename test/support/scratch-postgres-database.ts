import { randomBytes } from "node:crypto";
import { Client } from "pg";

/** The local trust-auth users the developers' and CI machines have (overridable by a URL). */
export const LOCAL_POSTGRES_ADMIN_URLS = ["postgres://postgres@127.0.0.1:5432/test", "postgres://root@127.0.0.1:5432/test"];

export interface ScratchDatabase {
  url: string;
  /** Drops the database (forcing out open connections) and closes the admin connection. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, empty PostgreSQL database named `<prefix>_<random>` for one test suite or
 * benchmark run, connecting as the first admin URL that works. Throws, naming every URL tried,
 * when none does: callers decide whether that fails (tests) or skips (benchmarks).
 */
export async function createScratchPostgresDatabase(prefix: string, adminUrls: readonly string[] = LOCAL_POSTGRES_ADMIN_URLS): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`Not a usable database name prefix: ${prefix}`);
  const failures: string[] = [];
  for (const adminUrl of adminUrls) {
    const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
    } catch (error) {
      failures.push(`${adminUrl}: ${(error as Error).message}`);
      await admin.end().catch(() => undefined);
      continue;
    }
    const name = `${prefix}_${randomBytes(5).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      },
    };
  }
  throw new Error(`PostgreSQL is not reachable: ${failures.join("; ")}`);
}
