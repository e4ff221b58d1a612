import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { SignJWT, calculateJwkThumbprint, exportJWK, type JWK, type JWTPayload } from "jose";
import type { EmulatorContext } from "./emulator-context";

/**
 * The emulator's key ring for agent (user) access tokens to the gateway's own API, with
 * rotation: a rotated-out key stays published in the JWKS until the next rotation, as Entra
 * ID keeps a retiring key listed for a while, so tokens signed just before a rotation still
 * verify and a gateway picks up the new key id without a restart.
 */
export interface AgentTokenSigner {
  /** Public keys to publish next to the app-token key (newest first). */
  publishedKeys(): Promise<JWK[]>;
  /** Makes a new key the signing key; the previous one stays published. */
  rotate(): Promise<{ kid: string; previousKid: string }>;
  /**
   * Signs a complete claim set as given (no claim is added). The header follows the version, as
   * access-tokens.md describes it: v1.0 tokens carry `x5t` and `kid` (same value), v2.0 only `kid`.
   */
  sign(claims: JWTPayload, options: { version: "1.0" | "2.0" }): Promise<string>;
}

interface RingKey {
  kid: string;
  privateKey: KeyObject;
  jwk: JWK;
}

const signers = new WeakMap<EmulatorContext, Promise<AgentTokenSigner>>();

/** The signer of one running emulator (created on first use, kept for the emulator's life). */
export function agentTokenSignerOf(ctx: EmulatorContext): Promise<AgentTokenSigner> {
  let signer = signers.get(ctx);
  if (signer === undefined) {
    signer = createAgentTokenSigner();
    signers.set(ctx, signer);
  }
  return signer;
}

/** The keys to publish, none until a signer exists: a JWKS read does not create one (and an RSA key). */
export async function publishedAgentKeys(ctx: EmulatorContext): Promise<JWK[]> {
  const signer = signers.get(ctx);
  return signer === undefined ? [] : (await signer).publishedKeys();
}

async function newKey(): Promise<RingKey> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { kty, n, e } = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint({ kty, n, e } as JWK);
  // Entra lists x5t next to kid with the same value (access-tokens.md, keys document).
  return { kid, privateKey, jwk: { kty, n, e, kid, x5t: kid, use: "sig", alg: "RS256" } };
}

async function createAgentTokenSigner(): Promise<AgentTokenSigner> {
  let current = await newKey();
  let previous: RingKey | undefined;
  return {
    async publishedKeys() {
      return previous ? [current.jwk, previous.jwk] : [current.jwk];
    },
    async rotate() {
      const next = await newKey();
      previous = current;
      current = next;
      return { kid: current.kid, previousKid: previous.kid };
    },
    async sign(claims, { version }) {
      const header = version === "1.0" ? { typ: "JWT", alg: "RS256", x5t: current.kid, kid: current.kid } : { typ: "JWT", alg: "RS256", kid: current.kid };
      return new SignJWT(claims).setProtectedHeader(header).sign(current.privateKey);
    },
  };
}
