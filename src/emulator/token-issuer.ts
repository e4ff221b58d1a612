import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
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

/**
 * The claims the emulator puts in (and reads back from) the access tokens of its token endpoint.
 * Graph, Partner Center and Azure Resource Manager accept v1.0 tokens, and Entra ID issues the
 * token version the *resource* asks for, whatever endpoint was called (entra-docs
 * access-token-claims-reference.md, v2-oauth2-on-behalf-of-flow.md): so these are v1.0 tokens,
 * `iss` = `https://sts.windows.net/{tid}/`, `appid`/`appidacr` (never the v2.0 `azp`), `ver` "1.0".
 */
export interface EmulatorTokenClaims extends JWTPayload {
  tid: string;
  appid: string;
  /** "1": the client authenticated with a secret. */
  appidacr: string;
  oid: string;
  /** The `idtyp` optional claim: "app" for client credentials tokens, "user" for App+User tokens. */
  idtyp: "app" | "user";
  ver: "1.0";
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
  /** An app-only token (client credentials grant); v1.0 tokens name the STS as issuer, not the authority. */
  issue(input: { tenantId: string; clientId: string; audience: Resource; objectId: string }): Promise<string>;
  /** An App+User token (`idtyp: "user"`), as the on-behalf-of grant issues it. */
  issueUser(input: { tenantId: string; clientId: string; audience: Resource; user: EmulatorUser }): Promise<string>;
  /** Verified claims, or a reason the token is refused (in the words of Microsoft's APIs). */
  verify(token: string, audience: Resource): Promise<{ ok: true; claims: EmulatorTokenClaims } | { ok: false; reason: string }>;
}

/** The issuer of v1.0 access tokens in the public cloud. */
const v1Issuer = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;

const KEY_FILE = "token-signing-key.pem";

/** Opaque claims Entra ID adds (`aio`, `rh`, `uti`): random here, never read. */
const opaque = (): string => randomBytes(24).toString("base64url");

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

  const sign = (claims: Record<string, unknown>, tenantId: string, audience: Resource, subject: string): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    // v1.0 tokens carry `x5t` next to `kid` (same value).
    return new SignJWT({ ...claims, tid: tenantId, idp: v1Issuer(tenantId), aio: opaque(), rh: opaque(), uti: opaque(), ver: "1.0" })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid, x5t: kid })
      .setIssuer(v1Issuer(tenantId))
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(now - 300)
      .setNotBefore(now - 300)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign(privateKey);
  };

  return {
    kid,
    jwks: { keys: [jwk] },
    issue: ({ tenantId, clientId, audience, objectId }) =>
      sign({ appid: clientId, appidacr: "1", idtyp: "app", oid: objectId }, tenantId, audience, objectId),
    issueUser: ({ tenantId, clientId, audience, user }) =>
      sign(
        { acr: "1", amr: ["pwd"], appid: clientId, appidacr: "1", idtyp: "user", name: user.name, unique_name: user.name, oid: user.objectId, scp: "user_impersonation" },
        tenantId,
        audience,
        user.objectId,
      ),
    async verify(token, audience) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { algorithms: ["RS256"], audience });
        const tid = payload["tid"];
        if (typeof tid !== "string" || payload.iss !== v1Issuer(tid)) {
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
