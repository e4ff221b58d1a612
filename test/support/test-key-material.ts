import { chmodSync, copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** Committed TEST-ONLY keys and certificate (see test/fixtures/test-only-keys/README.md). */
const FIXTURE_DIR = join(__dirname, "..", "fixtures", "test-only-keys");

/** Files copied into a scratch DATA_DIR, by their path under it (the product's persisted names). */
const FILES = ["sandbox-signing-key.json", "emulator-tls/emulator-key.pem", "emulator-tls/emulator-cert.pem", "emulator-tls/token-signing-key.pem"];

/**
 * Puts the fixture keys where a gateway started on `dataDir` looks for what an earlier start wrote,
 * so the start loads them instead of generating an RSA key and a certificate.
 */
export function seedTestKeyMaterial(dataDir: string): void {
  mkdirSync(join(dataDir, "emulator-tls"), { recursive: true, mode: 0o700 });
  for (const file of FILES) {
    const target = join(dataDir, file);
    copyFileSync(join(FIXTURE_DIR, file), target);
    // Git keeps no modes; the gateway expects owner-only key files (the certificate is public).
    chmodSync(target, file.endsWith("-cert.pem") ? 0o644 : 0o600);
  }
}
