import { CachingTokenCredential } from "./caching-token.credential";
import { createTokenCredential } from "./token-credential.factory";

/** Where and as whom the sandbox credential asks the emulator's identity provider for tokens. */
export interface SandboxTokenCredentialOptions {
  /** The emulator's root URL, e.g. https://localhost:8443: the authority host of the credential. */
  authorityUrl: string;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the CA that signed the emulator's certificate, trusted for these calls only. */
  caCertPem?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

/**
 * The sandbox's app-only credential: exactly the microsoft-mode credential
 * (@azure/identity's ClientSecretCredential through {@link createTokenCredential}) with the
 * emulator as authority, instance discovery off and the emulator's CA. Kept as a named class for
 * callers that build one directly (tests, benchmarks); it adds nothing of its own.
 */
export class SandboxTokenCredential extends CachingTokenCredential {
  constructor(options: SandboxTokenCredentialOptions) {
    const built = createTokenCredential({ mode: "sandbox", ...options });
    super(built, options.partnerTenantId, undefined, () => built.close());
  }
}
