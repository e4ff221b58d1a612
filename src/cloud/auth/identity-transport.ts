import type { HttpClient } from "@azure/core-rest-pipeline";
import type { Agent } from "undici";
import { getCloudEndpoints, type CloudName } from "../cloud-endpoints";
import { createCaDispatcher } from "../http-dispatcher";
import { createIdentityHttpClient } from "./identity-http-client";

/**
 * Where the gateway's Entra ID token requests go and how: one shape for microsoft mode (the
 * cloud's authority, or AUTHORITY_HOST) and sandbox mode (the emulator's identity endpoints).
 */
export interface IdentityConnection {
  /** Authority root without tenant, e.g. https://login.microsoftonline.com or https://localhost:4010. */
  authorityHost: string;
  /**
   * True whenever the authority is not one MSAL knows: otherwise MSAL asks
   * login.microsoftonline.com/common/discovery/instance whether the host is trusted, which a
   * private authority (or an offline emulator) never answers.
   */
  disableInstanceDiscovery: boolean;
  /** PEM of a CA trusted for these calls only (UPSTREAM_CA_FILE, the emulator's certificate). */
  caCertPem?: string;
  /** Per-attempt timeout of a token or metadata request. */
  timeoutMs: number;
  /** Retries of the identity pipeline on 5xx / 408 / socket errors (429 honours Retry-After). */
  maxRetries: number;
  /** First retry delay (doubles per retry). */
  retryBaseDelayMs: number;
}

const DEFAULTS = { timeoutMs: 10_000, maxRetries: 3, retryBaseDelayMs: 500 } as const;

/**
 * The connection for a cloud, honouring an authority override: an overridden authority always
 * disables instance discovery (a sovereign cloud's own authority is in MSAL's known list).
 */
export function identityConnection(input: {
  cloud?: CloudName;
  authorityHost?: string | undefined;
  caCertPem?: string | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  retryBaseDelayMs?: number | undefined;
}): IdentityConnection {
  const override = input.authorityHost?.replace(/\/+$/, "");
  return {
    authorityHost: override ?? getCloudEndpoints(input.cloud ?? "public").authorityHost,
    disableInstanceDiscovery: override !== undefined,
    ...(input.caCertPem === undefined ? {} : { caCertPem: input.caCertPem }),
    timeoutMs: input.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRetries: input.maxRetries ?? DEFAULTS.maxRetries,
    retryBaseDelayMs: input.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
  };
}

/** The options every @azure/identity credential of the gateway is built with. */
export interface IdentityCredentialOptions {
  authorityHost: string;
  disableInstanceDiscovery: boolean;
  httpClient: HttpClient;
  retryOptions: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number };
}

/** Credential options plus the connections they keep open. */
export interface IdentityTransport {
  readonly credentialOptions: IdentityCredentialOptions;
  close(): Promise<void>;
}

/** One undici dispatcher (with the CA, if any) shared by every credential built from this transport. */
export function createIdentityTransport(connection: IdentityConnection): IdentityTransport {
  const dispatcher: Agent | undefined = connection.caCertPem === undefined ? undefined : createCaDispatcher(connection.caCertPem);
  const httpClient = createIdentityHttpClient({ ...(dispatcher ? { dispatcher } : {}), timeoutMs: connection.timeoutMs });
  return {
    credentialOptions: {
      authorityHost: connection.authorityHost,
      disableInstanceDiscovery: connection.disableInstanceDiscovery,
      httpClient,
      retryOptions: { maxRetries: connection.maxRetries, retryDelayInMs: connection.retryBaseDelayMs, maxRetryDelayInMs: 30_000 },
    },
    close: async () => {
      await dispatcher?.close();
    },
  };
}
