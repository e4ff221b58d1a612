import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { loadOrCreateKeyFile } from "../db/owner-only-files";

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
  return loadOrCreateKeyFile(file, () => randomBytes(MIN_EXPORT_LINK_KEY_BYTES).toString("base64"), (text) => {
    const key = Buffer.from(text.trim(), "base64");
    if (key.length < MIN_EXPORT_LINK_KEY_BYTES) throw new Error(`${file} holds fewer than ${MIN_EXPORT_LINK_KEY_BYTES} bytes`);
    return key;
  });
}
