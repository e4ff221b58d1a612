import { ClientCertificateCredential, ClientSecretCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/identity";
import { getCloudEndpoints } from "../cloud-endpoints";
import type { CloudName } from "../cloud-endpoints";
import { CachingTokenCredential } from "./caching-token.credential";
import { SandboxTokenCredential } from "./sandbox-token.credential";

/** How the gateway proves who it is: Entra ID in microsoft mode, the emulator in sandbox mode. */
export type TokenCredentialSettings =
  | {
      mode: "microsoft";
      cloud: CloudName;
      partnerTenantId: string;
      clientId: string;
      /** Exactly one of clientSecret, certificatePath, certificatePem. */
      clientSecret?: string;
      certificatePath?: string;
      /** PEM holding the certificate and its private key. */
      certificatePem?: string;
      /** Overrides the cloud's authority host (e.g. a private authority). */
      authorityHost?: string;
    }
  | {
      mode: "sandbox";
      /** The emulator's root URL. */
      authorityUrl: string;
      partnerTenantId: string;
      clientId: string;
      clientSecret: string;
      caCertPem?: string;
      timeoutMs?: number;
    };

/**
 * Builds the credential for the configured mode. In microsoft mode it is a ClientSecretCredential
 * or ClientCertificateCredential for the partner tenant with `additionallyAllowedTenants: ["*"]`
 * (Graph calls about a customer need a token issued by that customer's tenant), wrapped in a
 * per-(tenant, scope) cache with request coalescing. In sandbox mode it is the emulator credential.
 */
export function createTokenCredential(settings: TokenCredentialSettings): TokenCredential {
  if (settings.mode === "sandbox") {
    return new SandboxTokenCredential(settings);
  }
  const options = {
    authorityHost: settings.authorityHost ?? getCloudEndpoints(settings.cloud).authorityHost,
    additionallyAllowedTenants: ["*"],
  };
  const inner = microsoftCredential(settings, options);
  return new CachingTokenCredential(inner, settings.partnerTenantId);
}

function microsoftCredential(
  settings: Extract<TokenCredentialSettings, { mode: "microsoft" }>,
  options: { authorityHost: string; additionallyAllowedTenants: string[] },
): TokenCredential {
  const { partnerTenantId, clientId, clientSecret, certificatePath, certificatePem } = settings;
  const given = [clientSecret, certificatePath, certificatePem].filter((value) => value !== undefined && value !== "");
  if (given.length !== 1) {
    throw new Error("Microsoft mode needs exactly one of a client secret, a certificate path or a certificate PEM");
  }
  if (clientSecret) return new ClientSecretCredential(partnerTenantId, clientId, clientSecret, options);
  if (certificatePath) return new ClientCertificateCredential(partnerTenantId, clientId, { certificatePath }, options);
  return new ClientCertificateCredential(partnerTenantId, clientId, { certificate: certificatePem as string }, options);
}
