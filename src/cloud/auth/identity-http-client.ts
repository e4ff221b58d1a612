import { createHttpHeaders, RestError, type HttpClient, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import type { Agent } from "undici";
import { dispatcherInit, upstreamFetch } from "../http-dispatcher";

/** How the identity credentials' HTTP client connects. */
export interface IdentityHttpClientOptions {
  /** The dispatcher trusting UPSTREAM_CA_FILE (or the emulator's CA); absent = the system's trust store. */
  dispatcher?: Agent;
  /** Per-attempt timeout (the identity pipeline retries timed-out attempts itself). */
  timeoutMs: number;
}

/** Node socket codes the Azure SDK's exponential retry strategy treats as transient. */
const RETRIED_CODES = new Set(["ETIMEDOUT", "ESOCKETTIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENOENT", "ENOTFOUND"]);

/**
 * The transport of every @azure/identity credential the gateway builds (client credentials and
 * on-behalf-of alike): @azure/core-rest-pipeline's `HttpClient` over the same undici fetch and
 * CA dispatcher as the Graph, Partner Center and ARM reads. Why not `tlsOptions`: that would make
 * token requests the one upstream call outside undici (so `/metrics` would not count them) and
 * open a second TLS context per CA; a process-wide trust change is never an option.
 */
export function createIdentityHttpClient(options: IdentityHttpClientOptions): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const timeout = AbortSignal.timeout(request.timeout > 0 ? Math.min(request.timeout, options.timeoutMs) : options.timeoutMs);
      const signal = request.abortSignal ? AbortSignal.any([request.abortSignal as AbortSignal, timeout]) : timeout;
      let response: Response;
      try {
        response = await upstreamFetch(request.url, {
          method: request.method,
          headers: request.headers.toJSON({ preserveCase: true }),
          body: bodyOf(request),
          signal,
          ...dispatcherInit(options.dispatcher),
        });
      } catch (error) {
        throw sendError(request, error, timeout.aborted && !request.abortSignal?.aborted);
      }
      const headers = createHttpHeaders();
      response.headers.forEach((value, name) => headers.set(name, value));
      let bodyAsText: string;
      try {
        bodyAsText = await response.text();
      } catch (error) {
        throw sendError(request, error, timeout.aborted);
      }
      return { request, status: response.status, headers, bodyAsText };
    },
  };
}

/** The identity client only sends form-encoded strings (MSAL builds them); anything else is a programming error. */
function bodyOf(request: PipelineRequest): string | undefined {
  if (request.body === undefined || request.body === null) return undefined;
  if (typeof request.body === "string") return request.body;
  throw new RestError("The identity HTTP client sends string bodies only", { code: RestError.REQUEST_SEND_ERROR, request });
}

function sendError(request: PipelineRequest, error: unknown, timedOut: boolean): Error {
  if (!timedOut && error instanceof Error && error.name === "AbortError") return error;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const socketCode = typeof cause?.code === "string" && RETRIED_CODES.has(cause.code) ? cause.code : undefined;
  const code = timedOut ? "ETIMEDOUT" : (socketCode ?? RestError.REQUEST_SEND_ERROR);
  const message = timedOut ? `The identity platform did not answer within the timeout (${request.method} ${new URL(request.url).origin})` : `Could not reach the identity platform (${request.method} ${new URL(request.url).origin})`;
  return new RestError(message, { code, request });
}
