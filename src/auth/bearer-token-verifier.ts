import type { Agent } from "./agent";

/** Turns a bearer token into the calling agent, or throws AppError(UNAUTHENTICATED). */
export interface BearerTokenVerifier {
  verify(token: string): Promise<Agent>;
}
