import type { EmulatorWorld } from "./emulator-world";
import type { FaultRule } from "./fault-rules";
import type { PageTokenCodec } from "./page-token";
import type { RequestCounters } from "./request-counters";
import type { EmulatorServiceRequests } from "./service-requests.routes";
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
  latencyMs: number;
  /** Sequence for issue ids started through the control API. */
  nextIssueNumber: number;
  /** Whether service request create works or answers as retired (switchable via the control API). */
  serviceRequestCreate: "accept" | "retired" | "accept-then-hang";
  /** Filed service requests and the MS-RequestId replay cache (cleared on reset). */
  serviceRequests: EmulatorServiceRequests;
}

/** One authenticated API call, as seen by a Graph or Partner Center handler. */
export interface ApiCall {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body?: string;
  claims: EmulatorTokenClaims;
}
