/**
 * The `WWW-Authenticate` header of a 401 (RFC 6750 section 3): a request without a bearer token
 * gets the bare challenge; a refused token gets `error="invalid_token"` and the reason.
 */
export const BEARER_REALM = "partner-support-gateway";

export function bearerChallenge(refusal?: { description: string }): string {
  const challenge = `Bearer realm="${BEARER_REALM}"`;
  if (refusal === undefined) return challenge;
  return `${challenge}, error="invalid_token", error_description="${quotable(refusal.description)}"`;
}

/** error_description allows printable ASCII without `"` and `\` (RFC 6750 section 3). */
function quotable(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
}
