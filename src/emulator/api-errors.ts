import { randomUUID } from "node:crypto";
import { unreachable } from "../errors";

/** Error bodies in each API family's own shape (MICROSOFT-APIS.md "Shared formats"). */

export interface ApiResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (an injected timeout); the connection is dropped on reset or close. */
  hang?: boolean;
}

export type ApiFamily = "graph" | "partner-center" | "arm";

/** Graph: `{"error":{"code","message","innerError":{date,request-id,client-request-id}}}`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  clientRequestId?: string,
  headers: Record<string, string> = {},
): ApiResult {
  const requestId = randomUUID();
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
          "request-id": requestId,
          "client-request-id": clientRequestId ?? requestId,
        },
      },
    },
  };
}

/**
 * Azure Resource Manager: `{"error":{"code","message"}}` (the Support swagger's ExceptionResponse /
 * ServiceError; `target` and `details` are optional and not sent).
 */
export function armError(status: number, code: string, message: string, headers: Record<string, string> = {}): ApiResult {
  return { status, headers, body: { error: { code, message } } };
}

/**
 * Partner Center: `{code, description, data, source}` (error-codes page); the published examples
 * send `code` as a number (`"code": 3000`), `data: []` and `source: "PartnerFD"`.
 */
export function partnerCenterError(status: number, code: string, description: string, headers: Record<string, string> = {}): ApiResult {
  return { status, headers, body: { code: /^\d+$/.test(code) ? Number(code) : code, description, data: [], source: "PartnerFD" } };
}

/** Entra ID token endpoint errors (`{"error","error_description",...}`). */
export function aadError(status: number, error: string, aadsts: string, description: string): ApiResult {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
  return {
    status,
    body: {
      error,
      // As published (v2-oauth2-auth-code-flow.md, reference-error-codes.md): CRLF before each trailer.
      error_description: `${aadsts}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [Number(aadsts.replace("AADSTS", ""))],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    },
  };
}

/**
 * Graph's 429 as the throttling guidance publishes it (microsoft-graph-docs-contrib
 * concepts/throttling.md, "Sample response"; fixture graph/throttled.429.json): unlike other Graph
 * errors its innerError carries `code` and `status` "429" and a `message`, and no client-request-id.
 */
function graphThrottled(headers: Record<string, string> = {}): ApiResult {
  return {
    status: 429,
    headers,
    body: {
      error: {
        code: "TooManyRequests",
        innerError: {
          code: "429",
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
          message: "Please retry after",
          "request-id": randomUUID(),
          status: "429",
        },
        message: "Please retry again later.",
      },
    },
  };
}

const GRAPH_FAULT_CODES: Record<number, [string, string]> = {
  500: ["generalException", "General exception while processing."],
  502: ["badGateway", "The service is temporarily unreachable."],
  503: ["serviceNotAvailable", "The service is temporarily unavailable. Please try again later."],
  504: ["gatewayTimeout", "The request timed out."],
};

const ARM_FAULT_CODES: Record<number, [string, string]> = {
  429: ["TooManyRequests", "The request is being throttled. Please retry after some time."],
  500: ["InternalServerError", "The server encountered an internal error. Please retry the request."],
  502: ["BadGateway", "The service is temporarily unreachable."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable. Please retry the request."],
  504: ["GatewayTimeout", "The gateway did not receive a response within the specified time period."],
};

/** The answer to a request hit by an injected fault, in that API family's shape. */
export function faultResult(family: ApiFamily, fault: { status?: number; retryAfterSeconds?: number; hang: boolean }, clientRequestId?: string): ApiResult {
  if (fault.hang) return { status: 0, hang: true };
  const status = fault.status ?? 503;
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
  switch (family) {
    case "graph": {
      if (status === 429) return graphThrottled(headers);
      const [code, message] = GRAPH_FAULT_CODES[status] ?? ["generalException", "Injected failure."];
      return graphError(status, code, message, clientRequestId, headers);
    }
    case "arm": {
      const [code, message] = ARM_FAULT_CODES[status] ?? ["InternalServerError", "Injected failure."];
      return armError(status, code, message, headers);
    }
    case "partner-center":
      if (status === 429) {
        // The published 429 always names its wait twice: Retry-After and the message (api-throttling-guidance).
        const seconds = Math.ceil(fault.retryAfterSeconds ?? 1);
        return { status, headers: { ...headers, "Retry-After": String(seconds) }, body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` } };
      }
      return partnerCenterError(status, String(status), "The service is temporarily unavailable. Please try again later.", headers);
    default:
      return unreachable(family);
  }
}
