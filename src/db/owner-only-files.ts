import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

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

/**
 * A secret kept in `file` (mode 0600, its folder 0700), written as `create()` gives it on first
 * use and read with `decode` (which throws for a file that holds no usable secret). Used for the
 * sandbox signing key, the sandbox assertion key and the export link key.
 */
export function loadOrCreateKeyFile<T>(file: string, create: () => string, decode: (text: string) => T): T {
  try {
    const text = readFileSync(file, "utf8");
    chmodSync(file, 0o600); // a key written by an older version (or copied in) becomes owner-only
    return decode(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": two processes starting together must not overwrite each other's key.
    writeFileSync(file, create(), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return loadOrCreateKeyFile(file, create, decode);
}
