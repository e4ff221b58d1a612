import { timingSafeEqual } from "node:crypto";
import { v1Signature } from "./standard-webhook.signer";

/** Standard Webhooks' default tolerance for the timestamp (replay window). */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Whether a delivery carries a valid `v1` signature by one of `secrets`, with a timestamp within
 * five minutes of `now` (the sandbox sink's check; tests use the `standardwebhooks` package).
 */
export function verifyStandardWebhook(secrets: readonly string[], headers: Record<string, string | undefined>, body: string, now: Date = new Date()): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const offered = signatures
    .split(" ")
    .filter((entry) => entry.startsWith("v1,"))
    .map((entry) => Buffer.from(entry.slice(3), "base64"));
  return secrets.some((secret) => {
    const expected = v1Signature(secret, id, timestamp, body);
    return offered.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  });
}
