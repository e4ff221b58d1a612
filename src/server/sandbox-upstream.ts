import { readFileSync } from "node:fs";
import type { CachingTokenCredential } from "../cloud/auth/caching-token.credential";
import { createTokenCredential } from "../cloud/auth/token-credential.factory";
import { createMicrosoftCloud, type MicrosoftCloudHandle, type MicrosoftCloudSettings } from "../cloud/microsoft-cloud.factory";
import { generateSeed } from "../emulator/seed.generator";

/** Where the sandbox's Microsoft (the emulator) answers, and as whom the gateway calls it. */
export interface SandboxUpstream {
  url: string;
  caCertPem: string;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
}

/** An emulator running elsewhere: its partner credentials follow from its seed, as in the emulator itself. */
export function externalSandboxUpstream(external: { url: string; caCertPem?: string; caFile?: string }, seed: number): SandboxUpstream {
  const partner = generateSeed(seed, 1).partner;
  return {
    url: external.url,
    caCertPem: external.caCertPem ?? readFileSync(external.caFile!, "utf8"),
    partnerTenantId: partner.tenantId,
    clientId: partner.clientId,
    clientSecret: partner.clientSecret,
  };
}

/** Settings of the adapters that do not depend on where Microsoft is (timeouts, cache, limits, ...). */
export type UpstreamBehaviour = Omit<MicrosoftCloudSettings, "graphBaseUrl" | "partnerCenterBaseUrl" | "armBaseUrl" | "partnerTenantId" | "credential" | "caCertPem" | "cloud">;

/**
 * The Microsoft adapters pointed at the emulator, with the credential they use: the production
 * @azure/identity ClientSecretCredential (createTokenCredential) with the emulator as authority,
 * instance discovery off and the emulator's CA, so sandbox runs microsoft mode's token code.
 * The caller closes the credential (its connections) after the cloud.
 */
export function createSandboxCloud(sandbox: SandboxUpstream, behaviour: UpstreamBehaviour): { cloud: MicrosoftCloudHandle; credential: CachingTokenCredential } {
  const credential = createTokenCredential({
    mode: "sandbox",
    authorityUrl: sandbox.url,
    partnerTenantId: sandbox.partnerTenantId,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    caCertPem: sandbox.caCertPem,
    timeoutMs: behaviour.timeoutMs,
    maxRetries: behaviour.maxRetries,
    retryBaseDelayMs: behaviour.retryBaseDelayMs,
  });
  const cloud = createMicrosoftCloud({
    ...behaviour,
    graphBaseUrl: sandbox.url,
    partnerCenterBaseUrl: sandbox.url,
    armBaseUrl: sandbox.url,
    partnerTenantId: sandbox.partnerTenantId,
    credential,
    caCertPem: sandbox.caCertPem,
  });
  return { cloud, credential };
}
