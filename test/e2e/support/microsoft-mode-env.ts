import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { RunningEmulator } from "../../../src/emulator";

/**
 * The environment of a gateway in `PSG_MODE=microsoft` with every Microsoft host (authority,
 * Graph, Partner Center, Azure Resource Manager) pointed at `emulator` and its CA trusted through
 * UPSTREAM_CA_FILE: the partner's app registration is the emulator's, data under `dataDir`.
 */
export function microsoftModeEnv(emulator: RunningEmulator, dataDir: string, caFile: string): Record<string, string> {
  return {
    PSG_MODE: "microsoft",
    PORT: "0",
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`,
    LOG_LEVEL: "silent",
    PARTNER_TENANT_ID: emulator.partnerTenantId,
    AZURE_CLIENT_ID: emulator.clientId,
    AZURE_CLIENT_SECRET: emulator.clientSecret,
    // Encrypts stored agent sign-ins at rest (required in microsoft mode).
    ASSERTION_KEY: randomBytes(32).toString("base64"),
    AUTHORITY_HOST: emulator.url,
    GRAPH_BASE_URL: emulator.url,
    PARTNER_CENTER_BASE_URL: emulator.url,
    ARM_BASE_URL: emulator.url,
    UPSTREAM_CA_FILE: caFile,
  };
}
