import { join } from "node:path";
import { generateKeyPairSync, type webcrypto } from "node:crypto";
import { importJWK, type JWK } from "jose";
import { loadOrCreateKeyFile } from "../db/owner-only-files";

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
  const stored = loadOrCreateKeyFile(join(dataDir, "sandbox-signing-key.json"), newStoredKey, (text) => JSON.parse(text) as StoredKey);
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, "RS256")) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, "RS256")) as CryptoKey,
  };
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A new RS256 (RSA 2048) pair as the file stores it: both halves as JWKs. */
function newStoredKey(): string {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stored: StoredKey = {
    kid: `sandbox-${Date.now().toString(36)}`,
    privateJwk: pair.privateKey.export({ format: "jwk" }) as JWK,
    publicJwk: pair.publicKey.export({ format: "jwk" }) as JWK,
  };
  return JSON.stringify(stored);
}
