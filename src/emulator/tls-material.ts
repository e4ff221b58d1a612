import { X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
}

const KEY_FILE = "emulator-key.pem";
const CERT_FILE = "emulator-cert.pem";
/** Regenerate a persisted certificate this long before it expires. */
const RENEW_MARGIN_MS = 7 * 86_400_000;

/** Path of the persisted certificate inside `tlsDir` (what users point NODE_EXTRA_CA_CERTS at). */
export const certificatePath = (tlsDir: string): string => join(tlsDir, CERT_FILE);

/**
 * A self-signed certificate for `localhost` and `127.0.0.1`. With `tlsDir` it is kept on disk and
 * reused across restarts (so a trusted certificate stays trusted); without it, it lives in memory.
 */
export async function loadOrCreateTlsMaterial(tlsDir?: string): Promise<TlsMaterial> {
  if (tlsDir === undefined) return createTlsMaterial();
  let material = await readPersisted(tlsDir);
  if (!material) {
    material = await createTlsMaterial();
    await mkdir(tlsDir, { recursive: true, mode: 0o700 });
    await writeFile(join(tlsDir, KEY_FILE), material.keyPem, { mode: 0o600 });
    // The certificate is public (users trust it with NODE_EXTRA_CA_CERTS); the folder is not.
    await writeFile(join(tlsDir, CERT_FILE), material.certPem, { mode: 0o644 });
  }
  await restrictTlsDir(tlsDir);
  return material;
}

/** Owner-only folder and private key (issue 13), also for material written by an older version. */
async function restrictTlsDir(tlsDir: string): Promise<void> {
  await chmod(tlsDir, 0o700);
  await chmod(join(tlsDir, KEY_FILE), 0o600);
}

async function readPersisted(tlsDir: string): Promise<TlsMaterial | undefined> {
  try {
    const [keyPem, certPem] = await Promise.all([
      readFile(join(tlsDir, KEY_FILE), "utf8"),
      readFile(join(tlsDir, CERT_FILE), "utf8"),
    ]);
    const cert = new X509Certificate(certPem);
    const usable =
      new Date(cert.validTo).getTime() - RENEW_MARGIN_MS > Date.now() &&
      cert.checkHost("localhost") !== undefined &&
      cert.checkIP("127.0.0.1") !== undefined;
    return usable ? { keyPem, certPem } : undefined;
  } catch {
    return undefined;
  }
}

async function createTlsMaterial(): Promise<TlsMaterial> {
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: "localhost" }, { name: "organizationName", value: "Partner Support Gateway emulator" }], {
    // ECDSA P-256: a TLS handshake costs the emulator a fraction of an RSA-2048 signature, so a
    // cold gateway opening dozens of connections at once does not queue behind them.
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 825 * 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
    ],
  });
  return { keyPem: pems.private, certPem: pems.cert };
}
