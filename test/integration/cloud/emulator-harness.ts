import { Agent } from "undici";
import { startEmulator } from "../../../src/emulator";
import type { RequestCountsSnapshot, RunningEmulator } from "../../../src/emulator";
import type { CachingTokenCredential } from "../../../src/cloud/auth/caching-token.credential";
import { createTokenCredential } from "../../../src/cloud/auth/token-credential.factory";
import { createMicrosoftCloud } from "../../../src/cloud/microsoft-cloud.factory";
import type { MicrosoftCloudHandle, MicrosoftCloudSettings } from "../../../src/cloud/microsoft-cloud.factory";

/** A running emulator plus a client for its control API. */
export interface EmulatorHarness {
  emulator: RunningEmulator;
  control: {
    post(path: string, body?: unknown): Promise<void>;
    requests(): Promise<RequestCountsSnapshot>;
  };
  close(): Promise<void>;
}

export async function startEmulatorHarness(tenants = 8): Promise<EmulatorHarness> {
  const emulator = await startEmulator({ port: 0, seed: 7, tenants });
  const agent = new Agent({ connect: { ca: emulator.caCertPem } });
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: agent,
    } as RequestInit);
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${await response.text()}`);
    const text = await response.text();
    return text === "" ? undefined : JSON.parse(text);
  };
  return {
    emulator,
    control: {
      post: async (path, body) => {
        await call("POST", path, body ?? {});
      },
      requests: async () => (await call("GET", "/_emulator/requests")) as RequestCountsSnapshot,
    },
    close: async () => {
      await agent.close();
      await emulator.close();
    },
  };
}

/** A fresh sandbox credential (own token cache) and cloud wired to the emulator, with fast retries. */
export function createSandboxCloud(
  emulator: RunningEmulator,
  overrides: Partial<MicrosoftCloudSettings> = {},
): { cloud: MicrosoftCloudHandle; credential: CachingTokenCredential; close(): Promise<void> } {
  const credential = createTokenCredential({
    mode: "sandbox",
    authorityUrl: emulator.url,
    partnerTenantId: emulator.partnerTenantId,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    caCertPem: emulator.caCertPem,
  });
  const cloud = createMicrosoftCloud({
    graphBaseUrl: emulator.url,
    partnerCenterBaseUrl: emulator.url,
    partnerTenantId: emulator.partnerTenantId,
    credential,
    caCertPem: emulator.caCertPem,
    timeoutMs: 5_000,
    maxRetries: 3,
    retryBaseDelayMs: 10,
    maxRetryDelayMs: 5_000,
    customersPageSize: 3,
    ...overrides,
  });
  return {
    cloud,
    credential,
    close: async () => {
      await cloud.close();
      await credential.close();
    },
  };
}

/** Calls counted on routes whose key contains `fragment` (e.g. "healthOverviews"). */
export const countRoute = (snapshot: RequestCountsSnapshot, fragment: string): number =>
  Object.entries(snapshot.byRoute)
    .filter(([route]) => route.includes(fragment))
    .reduce((sum, [, count]) => sum + count, 0);
