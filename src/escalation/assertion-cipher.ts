import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { loadOrCreateKeyFile } from "../db/owner-only-files";

/** AES-256-GCM: 32-byte keys, 12-byte nonces (NIST SP 800-38D's recommended IV length), 16-byte tags. */
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Format marker of a sealed blob: `a1.<key id>.<iv>.<ciphertext>.<tag>`, base64url parts. */
const FORMAT = "a1";
export const ASSERTION_KEY_FILE = "assertion-key";

/** The key id stored in each blob: the first 8 bytes of SHA-256(key), hex (names the key, reveals nothing). */
export function assertionKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/**
 * Encrypts the agents' stored sign-ins at rest (AES-256-GCM). A key ring: the first key seals,
 * every key opens, so a key can be rotated without losing the tokens sealed with the previous one
 * (README "Stored sign-ins"). The caller's context (ticket and agent id) is the additional
 * authenticated data, so a blob copied to another row does not open.
 */
export class AssertionCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new Error("AssertionCipher needs at least one key");
    for (const key of keys) if (key.length !== KEY_BYTES) throw new Error(`Assertion keys are ${KEY_BYTES} bytes`);
    this.keys = new Map(keys.map((key) => [assertionKeyId(key), key]));
    this.currentKeyId = assertionKeyId(keys[0]!);
  }

  /** Key ids this ring can open (the sweep deletes blobs sealed with any other). */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.keys.get(this.currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [FORMAT, this.currentKeyId, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
  }

  /** The plaintext, or null for a blob this ring cannot open (retired key, other row, tampered, not a blob). */
  open(blob: string, context: string): string | null {
    const [format, keyId, iv, ciphertext, tag, ...rest] = blob.split(".");
    if (format !== FORMAT || rest.length > 0 || keyId === undefined || iv === undefined || ciphertext === undefined || tag === undefined) return null;
    const key = this.keys.get(keyId);
    if (key === undefined) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      return null;
    }
  }
}

/**
 * Parses base64 keys of 32 bytes each (ASSERTION_KEY / ASSERTION_KEYS). Errors name the position,
 * never the value (it is a secret).
 */
export function parseAssertionKeys(values: readonly string[]): { keys: Buffer[] } | { error: string } {
  const keys: Buffer[] = [];
  for (const [index, value] of values.entries()) {
    const text = value.trim();
    // Node's base64 decoder reads both alphabets (RFC 4648 base64 and base64url).
    const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, "base64") : null;
    if (key === null || key.length !== KEY_BYTES) {
      return { error: `key ${index + 1} is not ${KEY_BYTES} bytes of base64 (make one with: openssl rand -base64 32)` };
    }
    keys.push(key);
  }
  return { keys };
}

/**
 * Sandbox only: the key kept in `<dataDir>/assertion-key` (mode 0600), created on first use, so a
 * sandbox needs no set-up. Microsoft mode takes its keys from configuration instead.
 */
export function loadOrCreateSandboxAssertionKey(dataDir: string): Buffer {
  const file = join(dataDir, ASSERTION_KEY_FILE);
  return loadOrCreateKeyFile(file, () => `${randomBytes(KEY_BYTES).toString("base64")}\n`, (text) => {
    const parsed = parseAssertionKeys([text]);
    if ("error" in parsed) throw new Error(`${file}: ${parsed.error}`);
    return parsed.keys[0]!;
  });
}
