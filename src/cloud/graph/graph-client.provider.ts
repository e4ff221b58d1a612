import type { TokenCredential } from "@azure/identity";
import {
  AuthenticationHandler,
  Client,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandlerOptions,
  TelemetryHandler,
} from "@microsoft/microsoft-graph-client";
import type { Middleware } from "@microsoft/microsoft-graph-client";
import type { Agent } from "undici";
import type { CloudLogger } from "../cloud-logger";
import type { RetryPolicy } from "../retry-policy";
import { AttemptTimeoutMiddleware } from "./attempt-timeout.middleware";
import { GraphRetryMiddleware } from "./graph-retry.middleware";
import { TenantTokenAuthProvider } from "./token-auth.provider";
import { UpstreamFetchMiddleware } from "./upstream-fetch.middleware";

/** What every per-tenant Graph client shares. */
export interface GraphClientProviderOptions {
  /** Graph service root without version, e.g. https://graph.microsoft.com or https://localhost:8443. */
  baseUrl: string;
  credential: TokenCredential;
  /** e.g. https://graph.microsoft.com/.default */
  scope: string;
  /** Trusts the emulator's CA for Graph calls only. */
  dispatcher?: Agent;
  timeoutMs: number;
  retry: RetryPolicy;
  logger?: CloudLogger;
}

/** RetryHandlerOptions' limits (its constructor throws above them). */
const GRAPH_MAX_RETRIES = 10;
const GRAPH_MAX_DELAY_SECONDS = 180;

/**
 * Builds and caches one Graph client per tenant: each has its own token auth provider (a Graph
 * token is issued by one tenant), and all share the retry policy, the per-attempt timeout and the
 * dispatcher. The middleware chain is the SDK's default order (auth -> retry -> redirect ->
 * telemetry -> HTTP), with UpstreamFetchMiddleware as the HTTP step, GraphRetryMiddleware in place of the SDK's RetryHandler and the attempt
 * timeout after it (so each attempt gets a fresh deadline).
 */
export class GraphClientProvider {
  private readonly clients = new Map<string, Client>();
  private readonly rootUrl: string;
  private readonly customHosts: Set<string>;

  constructor(private readonly options: GraphClientProviderOptions) {
    // The SDK joins baseUrl + version + path; accept a base URL with or without /v1.0.
    this.rootUrl = `${options.baseUrl.replace(/\/+$/, "").replace(/\/v1\.0$/i, "")}/`;
    this.customHosts = new Set([new URL(this.rootUrl).hostname]);
  }

  /** The configured Graph origin (nextLinks are followed only there). */
  get origin(): string {
    return new URL(this.rootUrl).origin;
  }

  /** The Graph client that acts in `tenantId` (its tokens are issued by that tenant). */
  forTenant(tenantId: string): Client {
    const key = tenantId.toLowerCase();
    let client = this.clients.get(key);
    if (!client) {
      client = this.createClient(tenantId);
      this.clients.set(key, client);
    }
    return client;
  }

  private createClient(tenantId: string): Client {
    const { credential, scope, dispatcher, timeoutMs } = this.options;
    const middleware: Middleware[] = [
      new AuthenticationHandler(new TenantTokenAuthProvider(credential, scope, tenantId)),
      new GraphRetryMiddleware(this.retryHandlerOptions(), this.options.retry.maxDelayMs, this.options.logger),
      new RedirectHandler(new RedirectHandlerOptions()),
      new AttemptTimeoutMiddleware(timeoutMs),
      new TelemetryHandler(),
      new UpstreamFetchMiddleware(),
    ];
    return Client.initWithMiddleware({
      middleware,
      baseUrl: this.rootUrl,
      // The auth handler attaches the token only to Graph hosts and these (host names, no port).
      customHosts: this.customHosts,
      ...(dispatcher === undefined ? {} : { fetchOptions: { dispatcher } as RequestInit }),
    });
  }

  private retryHandlerOptions(): RetryHandlerOptions {
    const { retry } = this.options;
    return new RetryHandlerOptions(
      Math.min(retry.baseDelayMs / 1000, GRAPH_MAX_DELAY_SECONDS),
      Math.min(retry.maxRetries, GRAPH_MAX_RETRIES),
    );
  }
}
