import type { EmulatorContext, UnauthenticatedCall } from "./emulator-context";
import type { EmulatorTokenClaims, Resource } from "./token-issuer";

/**
 * The one token check of every API family (Graph, Partner Center, ARM): the call's bearer token
 * (parsed once, in the request pipeline) verified for `audience`. Returns its claims, or the
 * reason it was refused (each family words its 401 its own way).
 */
export async function authenticate(call: UnauthenticatedCall, audience: Resource, ctx: EmulatorContext): Promise<EmulatorTokenClaims | string> {
  if (!call.bearer) return "Access token is empty.";
  const verified = await ctx.issuer.verify(call.bearer, audience);
  return verified.ok ? verified.claims : verified.reason;
}
