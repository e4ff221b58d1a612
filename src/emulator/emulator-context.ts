import type { ApiResult } from "./api-errors";
import type { EmulatorWorld } from "./emulator-world";
import type { FaultRule } from "./fault-rules";
import type { PageTokenCodec } from "./page-token";
import type { RequestCounters } from "./request-counters";
import type { Throttle } from "./throttle-limits";
import type { EmulatorServiceRequests } from "./service-request-state";
import type { EmulatorTokenClaims, TokenIssuer } from "./token-issuer";

/** Everything a route handler may read or change. `world` is replaced on reset. */
export interface EmulatorContext {
  /** Public base URL, e.g. "https://localhost:4010" (no trailing slash). */
  readonly url: string;
  world: EmulatorWorld;
  readonly issuer: TokenIssuer;
  readonly pageTokens: PageTokenCodec;
  readonly counters: RequestCounters;
  faults: FaultRule[];
  nextFaultId: number;
  /** Microsoft's documented rate limits (throttle-limits.ts); undefined = not enforced. */
  readonly throttle: Throttle | undefined;
  latencyMs: number;
  /** Sequence for issue ids started through the control API. */
  nextIssueNumber: number;
  /** Whether service request create works or answers as retired (switchable via the control API). */
  serviceRequestCreate: "accept" | "retired" | "accept-then-hang";
  /** Filed service requests and the MS-RequestId replay cache (cleared on reset). */
  serviceRequests: EmulatorServiceRequests;
}

/**
 * The emulator's shared contract: the context every handler reads, and the call shape of each
 * kind of route (API, identity, control). Route modules import these from here, never from each
 * other, so adding a route family (an authorize endpoint, an alert sink) adds no import cycle.
 */

/** One API request before its token is checked; `bearer` is the Authorization header's token, parsed once. */
export interface UnauthenticatedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body?: string;
  bearer: string | undefined;
}

/** A request to the local identity provider (no bearer token involved). */
export interface IdentityCall {
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: string;
  /** The query string without "?" (the browser sign-in's authorize request). */
  query: string;
}

/** A control API request (`/_emulator/...`). */
export interface ControlCall {
  params: Record<string, string>;
  body: string;
}

export interface ControlHooks {
  /** Re-seed and clear faults, latency, counters and incident changes; drops hanging requests. */
  reset(): void;
}

/** The handler of a control route (control.routes.ts and each API family's own control routes). */
export type ControlHandler = (call: ControlCall, ctx: EmulatorContext, hooks: ControlHooks) => ApiResult;

/** The token of a `Bearer <token>` credential (an Authorization or auxiliary header part), or undefined. */
export const bearerTokenOf = (credential: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(credential?.trim() ?? "")?.[1];

/** One authenticated API call, as seen by a Graph or Partner Center handler. */
export interface ApiCall extends Omit<UnauthenticatedCall, "bearer"> {
  params: Record<string, string>;
  claims: EmulatorTokenClaims;
}

/** The handler of a Partner Center route (customers, subscriptions, service requests). */
export type PartnerCenterHandler = (call: ApiCall, ctx: EmulatorContext) => ApiResult;
