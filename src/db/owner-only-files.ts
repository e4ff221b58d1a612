import { chmodSync, mkdirSync } from "node:fs";

/**
 * Owner-only permissions for what the gateway keeps on disk (issue 13): DATA_DIR holds the
 * database and the secrets (sandbox signing key, assertion key, emulator TLS key).
 */

/** Creates `dir` if needed and makes it 0700. */
export function ensurePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Makes a SQLite database file and its companions 0600. Called as soon as the file is open and
 * before anything is written: SQLite creates `-wal`, `-shm` and `-journal` files with the
 * database file's own permissions, so they follow; existing ones are fixed here too.
 */
export function restrictSqliteFiles(databaseFile: string): void {
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, `${databaseFile}-journal`]) {
    try {
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}
