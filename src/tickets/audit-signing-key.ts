import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The audit checkpoint signing key: Ed25519, kept in a file outside the database
 * (AUDIT_SIGNING_KEY_FILE), so write access to the database is not enough to sign a checkpoint.
 * Verifiers need only the public key (`<key>.pub.pem` next to it, or `--public-key`).
 */
export interface AuditSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
}

/** A public key a verifier trusts, with the id checkpoints name it by. */
export interface AuditPublicKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
}

/** The key id: the first 16 hex digits of SHA-256 over the public key's SubjectPublicKeyInfo (DER). */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
}

/** `data/audit-signing-key.pem` -> `data/audit-signing-key.pub.pem`. */
export function publicKeyFileOf(privateKeyFile: string): string {
  return `${privateKeyFile.replace(/\.pem$/, "")}.pub.pem`;
}

/**
 * Reads the signing key; with `create`, writes a new one first if the file is absent (mode
 * 0600, created exclusively so two starting instances cannot overwrite each other's key), plus
 * its public key next to it. Refuses a key that is not Ed25519.
 */
export function loadAuditSigningKey(file: string, options: { create: boolean }): AuditSigningKey {
  if (!existsSync(file)) {
    if (!options.create) throw new Error(`The audit signing key ${file} does not exist`);
    createKeyFile(file);
  }
  const privateKey = createPrivateKey(readFileSync(file, "utf8"));
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`The audit signing key ${file} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const publicFile = publicKeyFileOf(file);
  if (!existsSync(publicFile)) writeFileSync(publicFile, publicKeyPem, { mode: 0o644 });
  return { keyId: auditKeyId(publicKey), privateKey, publicKey, publicKeyPem };
}

/** A verifier's key from a PEM file: a public key, or a private key whose public half is used. */
export function loadAuditPublicKey(file: string): AuditPublicKey {
  const pem = readFileSync(file, "utf8");
  const publicKey = pem.includes("PRIVATE KEY") ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== "ed25519") throw new Error(`${file} is not an Ed25519 key`);
  return { keyId: auditKeyId(publicKey), publicKey };
}

function createKeyFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync("ed25519");
  try {
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }).toString(), { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another instance created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
