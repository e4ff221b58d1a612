import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Shortest HMAC key accepted (HS256 wants at least the hash size). */
export const MIN_EXPORT_LINK_KEY_BYTES = 32;

/**
 * The HMAC key that signs export download links: EXPORT_LINK_KEY when configured (required for
 * several instances behind one URL), else `<dataDir>/export-link-key` (base64, mode 0600),
 * created on first use like the sandbox signing key. Sensitive: never logged.
 */
export function loadOrCreateExportLinkKey(configured: Buffer | null, dataDir: string): Buffer {
  if (configured) return configured;
  const file = join(dataDir, "export-link-key");
  try {
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    chmodSync(file, 0o600);
    if (key.length < MIN_EXPORT_LINK_KEY_BYTES) throw new Error(`${file} holds fewer than ${MIN_EXPORT_LINK_KEY_BYTES} bytes`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": two processes starting together must not overwrite each other's key.
    writeFileSync(file, randomBytes(MIN_EXPORT_LINK_KEY_BYTES).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return loadOrCreateExportLinkKey(null, dataDir);
}
