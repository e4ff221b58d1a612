import { randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Agent } from "../auth/agent";

/** What a signed link downloads: one export in one format. */
export type ExportKind = "audit" | "tickets";
export type ExportFormat = "csv" | "ndjson";

/** The export and filter a link was signed for (query parameters as the export route reads them). */
export interface ExportLinkSpec {
  readonly export: ExportKind;
  readonly format: ExportFormat;
  readonly params: Readonly<Record<string, string>>;
}

export interface SignedExportLink {
  /** Absolute URL (PUBLIC_BASE_URL, or the gateway's own address). */
  readonly url: string;
  /** The same, relative to the gateway (for a client that knows its origin). */
  readonly path: string;
  readonly expiresAt: Date;
}

/** The verified claims of a link. */
export interface VerifiedExportLink {
  readonly agentId: string;
  readonly role: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Why a link was refused: BAD (401: unsigned, tampered or expired) or WRONG_PURPOSE (403). */
export class ExportLinkRefusal extends Error {
  override readonly name = "ExportLinkRefusal";
  constructor(readonly reason: "BAD" | "WRONG_PURPOSE", message: string) {
    super(message);
  }
}

/** Audience of link tokens: no other verifier of this gateway accepts them (bearer tokens are RS256/Entra). */
const AUDIENCE = "urn:partner-support-gateway:export-link";
const ISSUER = "urn:partner-support-gateway";

/**
 * Short-lived signed download links (HS256 JWT in `?link=`): the token names the agent, one
 * export, one format and its filter, and expires after `ttlSeconds`. It carries no bearer token,
 * grants nothing but that one download, and a changed byte fails the signature.
 */
export class ExportLinkSigner {
  private baseUrl: string;

  constructor(private readonly options: { key: Uint8Array; ttlSeconds: number; baseUrl?: string | null; clock?: () => Date }) {
    this.baseUrl = options.baseUrl ?? "";
  }

  /** The gateway's own address, once it listens (used when PUBLIC_BASE_URL is not set). */
  useGatewayUrl(url: string): void {
    if (!this.options.baseUrl) this.baseUrl = url;
  }

  async sign(agent: Agent, spec: ExportLinkSpec): Promise<SignedExportLink> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const expiresAtSeconds = nowSeconds + this.options.ttlSeconds;
    const token = await new SignJWT({ purpose: purposeOf(spec), role: agent.role, params: spec.params })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(agent.id)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(expiresAtSeconds)
      .setJti(randomUUID())
      .sign(this.options.key);
    const path = `/exports/${spec.export}.${spec.format}?link=${encodeURIComponent(token)}`;
    return { url: `${this.baseUrl.replace(/\/+$/, "")}${path}`, path, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  /** Verifies a link for this export and format; throws ExportLinkRefusal. */
  async verify(token: string, exportKind: ExportKind, format: ExportFormat): Promise<VerifiedExportLink> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.options.key, {
        algorithms: ["HS256"],
        audience: AUDIENCE,
        issuer: ISSUER,
        currentDate: this.now(),
        clockTolerance: 0,
        requiredClaims: ["exp", "sub", "jti"],
      }));
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new ExportLinkRefusal("BAD", expired ? "The download link has expired; create a new one" : "The download link is not valid");
    }
    if (payload.purpose !== purposeOf({ export: exportKind, format })) {
      throw new ExportLinkRefusal("WRONG_PURPOSE", `The download link is not for ${exportKind}.${format}`);
    }
    const params = payload.params;
    if (typeof params !== "object" || params === null || Object.values(params).some((value) => typeof value !== "string")) {
      throw new ExportLinkRefusal("BAD", "The download link is not valid");
    }
    return { agentId: String(payload.sub), role: String(payload.role), params: params as Record<string, string> };
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }
}

const purposeOf = (spec: { export: ExportKind; format: ExportFormat }): string => `export:${spec.export}.${spec.format}`;
