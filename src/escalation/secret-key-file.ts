import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * A secret key kept in `file` (mode 0600, its folder 0700), written as `create()` gives it on
 * first use and read with `decode` (which throws for a file that holds no usable key). Used for
 * the sandbox's assertion key and the export link key.
 */
export function loadOrCreateKeyFile(file: string, create: () => string, decode: (text: string) => Buffer): Buffer {
  try {
    const text = readFileSync(file, "utf8");
    chmodSync(file, 0o600);
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
