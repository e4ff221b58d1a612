import { ClientCertificateCredential, ClientSecretCredential } from "@azure/identity";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import type { CloudName } from "../cloud-endpoints";
import { CachingTokenCredential } from "./caching-token.credential";
import { createIdentityTransport, identityConnection, type IdentityConnection, type IdentityTransport } from "./identity-transport";

/** The app's own secret: exactly one of a client secret, a certificate path or a certificate PEM. */
export interface AppSecret {
  clientSecret?: string | undefined;
  certificatePath?: string | undefined;
  /** PEM holding the certificate and its private key. */
  certificatePem?: string | undefined;
}

/**
 * How the gateway proves who it is. Both modes build the same @azure/identity credential; they
 * differ only in where the authority is: Entra ID (the cloud's, or AUTHORITY_HOST) in microsoft
 * mode, the emulator's identity endpoints in sandbox mode.
 */
export type TokenCredentialSettings =
  | ({
      mode: "microsoft";
      cloud: CloudName;
      partnerTenantId: string;
      clientId: string;
      /** Overrides the cloud's authority host (a private authority or the emulator): disables instance discovery. */
      authorityHost?: string | undefined;
      /** PEM of a CA trusted for the token requests only (UPSTREAM_CA_FILE). */
      caCertPem?: string | undefined;
      timeoutMs?: number;
      maxRetries?: number;
      retryBaseDelayMs?: number;
    } & AppSecret)
  | {
      mode: "sandbox";
      /** The emulator's root URL: the authority host. */
      authorityUrl: string;
      partnerTenantId: string;
      clientId: string;
      clientSecret: string;
      caCertPem?: string;
      timeoutMs?: number;
      maxRetries?: number;
      retryBaseDelayMs?: number;
    };

/** Where a credential's token requests go, for either mode. */
export function connectionOf(settings: TokenCredentialSettings): IdentityConnection {
  const common = { caCertPem: settings.caCertPem, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, retryBaseDelayMs: settings.retryBaseDelayMs };
  return settings.mode === "sandbox"
    ? identityConnection({ ...common, authorityHost: settings.authorityUrl })
    : identityConnection({ ...common, cloud: settings.cloud, authorityHost: settings.authorityHost });
}

/**
 * Builds the app-only credential: a ClientSecretCredential or ClientCertificateCredential for the
 * partner tenant with `additionallyAllowedTenants: ["*"]` (Graph and ARM calls about a customer
 * need a token issued by that customer's tenant), its token requests sent through the gateway's
 * undici transport (the configured CA, per-attempt timeout, retries), wrapped in a per-(tenant,
 * scope) cache with request coalescing and typed errors. `close()` releases the transport.
 */
export function createTokenCredential(settings: TokenCredentialSettings): CachingTokenCredential {
  const secret: AppSecret = settings.mode === "sandbox" ? { clientSecret: settings.clientSecret } : settings;
  assertOneSecret(secret);
  const transport = createIdentityTransport(connectionOf(settings));
  const inner = new TenantShardedCredential(() => appCredential(settings.partnerTenantId, settings.clientId, secret, transport));
  return new CachingTokenCredential(inner, settings.partnerTenantId, undefined, () => transport.close());
}

/** Credentials the tenants are spread over (see {@link TenantShardedCredential}). */
const CREDENTIAL_SHARDS = 64;

/**
 * The same app credential, built once per shard of customer tenants (a stable hash of the tenant
 * id picks the shard). MSAL keeps one token cache per credential and scans and re-serialises all of
 * it on every token request, so with one credential for 5,000 tenants each request costs 5,000
 * entries (a quarter of the gateway's CPU while the refresher warms a 5,000-tenant partner); 64
 * shards cut that 64 times for a few dozen MSAL clients.
 */
class TenantShardedCredential implements TokenCredential {
  private readonly shards = new Map<number, TokenCredential>();

  constructor(private readonly build: () => TokenCredential) {}

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const shard = shardOf(options?.tenantId ?? "");
    let credential = this.shards.get(shard);
    if (credential === undefined) {
      credential = this.build();
      this.shards.set(shard, credential);
    }
    return credential.getToken(scopes, options);
  }
}

function shardOf(tenantId: string): number {
  let hash = 0;
  for (let i = 0; i < tenantId.length; i++) hash = (hash * 31 + tenantId.toLowerCase().charCodeAt(i)) >>> 0;
  return hash % CREDENTIAL_SHARDS;
}

/** Refuses zero or several app secrets (a configuration mistake, reported at start). */
export function assertOneSecret(secret: AppSecret): void {
  const given = [secret.clientSecret, secret.certificatePath, secret.certificatePem].filter((value) => value !== undefined && value !== "");
  if (given.length !== 1) {
    throw new Error("Microsoft mode needs exactly one of a client secret, a certificate path or a certificate PEM");
  }
}

function appCredential(tenantId: string, clientId: string, secret: AppSecret, transport: IdentityTransport): TokenCredential {
  const options = { ...transport.credentialOptions, additionallyAllowedTenants: ["*"] };
  if (secret.clientSecret) return new ClientSecretCredential(tenantId, clientId, secret.clientSecret, options);
  if (secret.certificatePath) return new ClientCertificateCredential(tenantId, clientId, { certificatePath: secret.certificatePath }, options);
  return new ClientCertificateCredential(tenantId, clientId, { certificate: secret.certificatePem as string }, options);
}
