import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { webcrypto } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

type CryptoKey = webcrypto.CryptoKey;

/** The local RS256 key pair that signs and verifies sandbox agent tokens. */
export interface SandboxSigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export const SANDBOX_ISSUER = "urn:partner-support-gateway:sandbox";
export const SANDBOX_AUDIENCE = "urn:partner-support-gateway:api";

/**
 * Loads the sandbox key from `<dataDir>/sandbox-signing-key.json`, creating it on first use, so
 * that `npm run token` and a running gateway agree on the key without any set-up step.
 */
export async function loadOrCreateSandboxSigningKey(dataDir: string): Promise<SandboxSigningKey> {
  const file = join(dataDir, "sandbox-signing-key.json");
  let stored: { kid: string; privateJwk: JWK; publicJwk: JWK } | undefined;
  try {
    stored = JSON.parse(readFileSync(file, "utf8")) as typeof stored;
    chmodSync(file, 0o600); // a key written by an older version (or copied in) becomes owner-only
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (!stored) {
    const pair = await generateKeyPair("RS256", { extractable: true });
    stored = {
      kid: `sandbox-${Date.now().toString(36)}`,
      privateJwk: await exportJWK(pair.privateKey),
      publicJwk: await exportJWK(pair.publicKey),
    };
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // "wx": two processes starting together must not overwrite each other's key.
    try {
      writeFileSync(file, JSON.stringify(stored), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      return loadOrCreateSandboxSigningKey(dataDir);
    }
  }
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, "RS256")) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, "RS256")) as CryptoKey,
  };
}
