import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Opaque, tamper-evident paging tokens (Graph `$skiptoken`, Partner Center `MS-ContinuationToken`).
 * A forged or altered token must be refused, as Microsoft refuses one it did not issue.
 */
export interface PageTokenCodec {
  encode(position: Record<string, number | string>): string;
  /** The position encoded in `token`, or undefined when the token was not issued by this codec. */
  decode(token: string): Record<string, number | string> | undefined;
}

export function createPageTokenCodec(secret: Buffer = randomBytes(32)): PageTokenCodec {
  const sign = (payload: string) => createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 22);
  return {
    encode(position) {
      const payload = Buffer.from(JSON.stringify(position)).toString("base64url");
      return `${payload}.${sign(payload)}`;
    },
    decode(token) {
      const [payload, signature, extra] = token.split(".");
      if (!payload || !signature || extra !== undefined) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      try {
        const value: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
        return typeof value === "object" && value !== null ? (value as Record<string, number | string>) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
