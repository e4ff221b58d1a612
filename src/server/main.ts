import "reflect-metadata";
import { AGENT_ROLES } from "../auth/agent";
import { DEMO_AGENTS } from "../auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../auth/sandbox-signing-key";
import { issueSandboxToken } from "../auth/sandbox-token";
import { ConfigError, parseConfig, type Config } from "../config";
import { messageOf } from "../errors";
import { startApp, type RunningApp } from "./app";
import { createLogger, prettyLogDestination } from "./logger";
import { preflightStart } from "./startup-preflight";
import type { Logger } from "pino";

/** `npm start`: parse config, start everything, print the banner, stop cleanly on a signal. */
async function main(): Promise<void> {
  let config: Config;
  try {
    // `npm start` seeds the sandbox demo tickets once unless DEMO_DATA=off (tests start the app without it).
    config = parseConfig({ DEMO_DATA: "on", ...process.env });
    // Ports and files first: a taken port or a read-only DATA_DIR fails now, before migrating or seeding.
    await preflightStart(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel, config.logFormat === "pretty" ? prettyLogDestination() : undefined);
  const app = await startApp(config, log);
  process.stdout.write(await banner(config, app));

  installShutdownHandlers(app, log, config.shutdownTimeoutMs);
}

/**
 * The process's only SIGINT/SIGTERM handler (Apollo's is off, see gateway.ts). The first signal
 * stops everything (app.close(): drain, workers, emulator, database) and exits 0, or exits 1 with a
 * log line when that takes longer than `timeoutMs`; a second signal exits at once (128 + signal).
 */
function installShutdownHandlers(app: RunningApp, log: Logger, timeoutMs: number): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now without waiting for shutdown");
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    }
    stopping = true;
    const started = Date.now();
    log.info({ signal, timeoutMs }, "shutting down");
    const watchdog = setTimeout(() => {
      log.error({ signal, timeoutMs }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, timeoutMs);
    app.close().then(
      () => {
        clearTimeout(watchdog);
        log.info({ signal, ms: Date.now() - started }, "stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

async function banner(config: Config, app: RunningApp): Promise<string> {
  const lines = [
    "",
    `Partner Support Gateway (${config.mode} mode, ${config.cloud} cloud)`,
    `  GraphQL:   ${app.gateway.graphqlUrl}`,
    `  Health:    ${app.gateway.url}/health   Ready: ${app.gateway.url}/ready`,
    `  Database:  ${config.databaseUrl.startsWith("sqlite:") ? config.databaseUrl : "PostgreSQL"}`,
  ];
  if (app.emulator) {
    lines.push(
      `  Emulator:  ${app.emulator.url}  (Microsoft cloud emulator: ${config.emulator.tenants} tenants, seed ${config.emulator.seed})`,
      `             CA certificate: ${app.emulator.caCertPath ?? "(in memory)"}`,
      ...(app.alerts.sink ? [`  Alerts:    ${app.alerts.sink.url}/sink/messages  (sandbox sink: signed webhooks, Teams/Slack cards, mail on SMTP port ${app.alerts.sink.smtpPort})`] : []),
      "",
      "Demo agent tokens (Authorization: Bearer <token>), valid 12 hours:",
    );
    const key = await loadOrCreateSandboxSigningKey(config.dataDir);
    for (const role of AGENT_ROLES) {
      lines.push(`  ${role.padEnd(15)} ${await issueSandboxToken(key, DEMO_AGENTS[role])}`);
    }
    lines.push(
      "",
      `Console:   ${app.gateway.url}/   (sign in as a demo agent)   Explorer: ${app.gateway.url}/explorer`,
      `Tokens:    the ones above, or npm run --silent token -- ROLE (${AGENT_ROLES.join(", ")})`,
      "More: npm run --silent token -- HELPDESK_AGENT",
    );
  }
  return `${lines.join("\n")}\n\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${messageOf(error)}\n`);
  process.exit(1);
});
