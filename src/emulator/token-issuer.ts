import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SignJWT, calculateJwkThumbprint, exportJWK, jwtVerify, type JWK, type JWTPayload } from "jose";

/** Resource (audience) of each API family, taken from the `.default` scope a client asks for. */
export const RESOURCE = {
  GRAPH: "https://graph.microsoft.com",
  PARTNER_CENTER: "https://api.partnercenter.microsoft.com",
  /** Azure Resource Manager (Azure Support tickets); the emulator accepts the public ARM audience only. */
  ARM: "https://management.azure.com",
} as const;
export type Resource = (typeof RESOURCE)[keyof typeof RESOURCE];

export const TOKEN_LIFETIME_SECONDS = 3599;

/** The claims the emulator puts in (and reads back from) an app-only access token. */
export interface EmulatorTokenClaims extends JWTPayload {
  tid: string;
  appid: string;
  azp: string;
  oid: string;
  /** "app" for client credentials tokens, "user" for App+User tokens from the on-behalf-of grant. */
  idtyp: "app" | "user";
  /** User tokens only: the signed-in user's name and the delegated scope. */
  name?: string;
  scp?: string;
}

/** A signed-in user, as the on-behalf-of grant learns it from the incoming assertion. */
export interface EmulatorUser {
  objectId: string;
  name: string;
}

export interface TokenIssuer {
  readonly kid: string;
  readonly jwks: { keys: JWK[] };
  issue(input: { issuerBase: string; tenantId: string; clientId: string; audience: Resource; objectId: string }): Promise<string>;
  /** An App+User token (`idtyp: "user"`), as the on-behalf-of grant issues it. */
  issueUser(input: { issuerBase: string; tenantId: string; clientId: string; audience: Resource; user: EmulatorUser }): Promise<string>;
  /** Verified claims, or a reason the token is refused. */
  verify(token: string, audience: Resource, issuerBase: string): Promise<{ ok: true; claims: EmulatorTokenClaims } | { ok: false; reason: string }>;
}

const KEY_FILE = "token-signing-key.pem";

/**
 * RS256 signer for the local identity provider. The key is persisted next to the TLS material
 * when a directory is given, so tokens cached by a gateway survive an emulator restart.
 */
export async function createTokenIssuer(keyDir?: string): Promise<TokenIssuer> {
  const privateKey = await loadOrCreateKey(keyDir);
  const publicKey = createPublicKey(privateKey);
  const publicJwk = await exportJWK(publicKey);
  const { n, e, kty } = publicJwk;
  const kid = await calculateJwkThumbprint({ n, e, kty } as JWK);
  const jwk: JWK = { kty, n, e, kid, use: "sig", alg: "RS256" };

  return {
    kid,
    jwks: { keys: [jwk] },
    async issue({ issuerBase, tenantId, clientId, audience, objectId }) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ tid: tenantId, appid: clientId, azp: clientId, idtyp: "app", oid: objectId, roles: [], ver: "2.0", uti: randomUUID() })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
        .setIssuer(`${issuerBase}/${tenantId}/v2.0`)
        .setAudience(audience)
        .setSubject(objectId)
        .setIssuedAt(now)
        .setNotBefore(now - 300)
        .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    async issueUser({ issuerBase, tenantId, clientId, audience, user }) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ tid: tenantId, appid: clientId, azp: clientId, idtyp: "user", oid: user.objectId, name: user.name, scp: "user_impersonation", ver: "2.0", uti: randomUUID() })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
        .setIssuer(`${issuerBase}/${tenantId}/v2.0`)
        .setAudience(audience)
        .setSubject(user.objectId)
        .setIssuedAt(now)
        .setNotBefore(now - 300)
        .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    async verify(token, audience, issuerBase) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { algorithms: ["RS256"], audience });
        const tid = payload["tid"];
        if (typeof tid !== "string" || payload.iss !== `${issuerBase}/${tid}/v2.0`) {
          return { ok: false, reason: "Invalid issuer." };
        }
        return { ok: true, claims: payload as EmulatorTokenClaims };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "ERR_JWT_EXPIRED") return { ok: false, reason: "Lifetime validation failed, the token is expired." };
        if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") return { ok: false, reason: "Invalid audience." };
        return { ok: false, reason: "Access token validation failure." };
      }
    },
  };
}

async function loadOrCreateKey(keyDir?: string): Promise<KeyObject> {
  if (keyDir !== undefined) {
    try {
      return createPrivateKey(await readFile(join(keyDir, KEY_FILE), "utf8"));
    } catch {
      // absent or unreadable: make a new one below
    }
  }
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  if (keyDir !== undefined) {
    await mkdir(keyDir, { recursive: true });
    await writeFile(join(keyDir, KEY_FILE), privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  }
  return privateKey;
}
