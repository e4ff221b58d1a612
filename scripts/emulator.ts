/**
 * Runs the Microsoft cloud emulator on its own (`npm run emulator`).
 * Env: EMULATOR_PORT (default 4010), EMULATOR_SEED (42), EMULATOR_TENANTS (25),
 * EMULATOR_THROTTLING (microsoft = Microsoft's documented rate limits, the default; off),
 * EMULATOR_TLS_DIR (default DATA_DIR/emulator-tls, DATA_DIR defaulting to "data": the certificate is kept there and reused).
 */
import { join, resolve } from "node:path";
import { MICROSOFT_THROTTLE_LIMITS, startEmulator } from "../src/emulator";

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    console.error(`${name} must be an integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const tlsDir = process.env["EMULATOR_TLS_DIR"] ?? join(process.env["DATA_DIR"] ?? "data", "emulator-tls");
  const emulator = await startEmulator({
    port: intFromEnv("EMULATOR_PORT", 4010),
    seed: intFromEnv("EMULATOR_SEED", 42),
    tenants: intFromEnv("EMULATOR_TENANTS", 25),
    ...(process.env["EMULATOR_THROTTLING"] === "off" ? {} : { throttling: MICROSOFT_THROTTLE_LIMITS }),
    tlsDir,
  });
  const certPath = resolve(emulator.caCertPath ?? tlsDir);
  console.log(
    [
      `Microsoft cloud emulator listening on ${emulator.url}`,
      `  Graph:           ${emulator.url}/v1.0`,
      `  Partner Center:  ${emulator.url}/v1`,
      `  Token endpoint:  ${emulator.url}/{tenant}/oauth2/v2.0/token`,
      `  Control API:     ${emulator.url}/_emulator/tenants`,
      `  CA certificate:  ${certPath}  (trust it for emulator calls only, e.g. NODE_EXTRA_CA_CERTS=${certPath})`,
      `  Partner tenant:  ${emulator.partnerTenantId}`,
      `  Client id:       ${emulator.clientId}`,
      `  Client secret:   ${emulator.clientSecret}  (sandbox credential)`,
      `  Tenants:         ${emulator.seed.tenants.length} (seed ${emulator.seed.seed})`,
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("The emulator could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
