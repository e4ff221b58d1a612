import type { Agent } from "./agent";

/** Turns a bearer token into the calling agent, or throws AppError(UNAUTHENTICATED). */
export interface BearerTokenVerifier {
  verify(token: string): Promise<Agent>;
}

/** The token of an `Authorization: Bearer <token>` header; undefined for any other value. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}
