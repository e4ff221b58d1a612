import { createHmac } from "node:crypto";

/** The three Standard Webhooks headers of one delivery. */
export interface StandardWebhookHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Signs a delivery per Standard Webhooks (standardwebhooks.com): HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with the base64 key after `whsec_`, sent as `v1,<base64>`; with
 * several secrets (a rotation) every signature is sent, space-separated, and receivers accept
 * any one they know.
 */
export function signStandardWebhook(secrets: readonly string[], id: string, timestamp: Date, body: string): StandardWebhookHeaders {
  const seconds = Math.floor(timestamp.getTime() / 1000).toString();
  const signatures = secrets.map((secret) => `v1,${v1Signature(secret, id, seconds, body).toString("base64")}`);
  return { "webhook-id": id, "webhook-timestamp": seconds, "webhook-signature": signatures.join(" ") };
}

/** The raw `v1` HMAC-SHA256 of one delivery under one secret (`whsec_` prefix optional). */
export function v1Signature(secret: string, id: string, seconds: string, body: string): Buffer {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  return createHmac("sha256", key).update(`${id}.${seconds}.${body}`).digest();
}
