import "reflect-metadata";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import type { Logger } from "pino";
import { DEMO_AGENTS } from "../auth/demo-agents";
import type { BearerTokenVerifier } from "../auth/bearer-token-verifier";
import { EntraTokenVerifier } from "../auth/entra-token-verifier";
import { loadOrCreateSandboxSigningKey } from "../auth/sandbox-signing-key";
import { SandboxTokenVerifier } from "../auth/sandbox-token";
import { CLOUD_ENDPOINTS } from "../cloud/cloud-endpoints";
import { createTokenCredential } from "../cloud/auth/token-credential.factory";
import { createMicrosoftCloud, type MicrosoftCloudHandle } from "../cloud/microsoft-cloud.factory";
import type { Config } from "../config";
import { openDatabase } from "../db/data-source";
import { startEmulator, type RunningEmulator } from "../emulator";
import { buildGatewaySchema } from "../graphql/schema";
import { AgentDirectory } from "../tickets/agent-directory";
import { TicketService } from "../tickets/ticket.service";
import { TicketStore } from "../tickets/ticket.store";
import { startGateway, type RunningGateway } from "./gateway";
import type { ReadinessCheck } from "./readiness";

export interface RunningApp {
  gateway: RunningGateway;
  /** The in-process Microsoft cloud emulator (sandbox mode only). */
  emulator: RunningEmulator | null;
  dataSource: DataSource;
  cloud: MicrosoftCloudHandle;
  close(): Promise<void>;
}

/**
 * The composition root: opens the database (running migrations), starts the emulator in sandbox
 * mode, wires the real Microsoft adapters to it (or to Microsoft), and starts the HTTP gateway.
 * On a failure half-way, everything already started is stopped again.
 */
export async function startApp(config: Config, log: Logger): Promise<RunningApp> {
  const stack: (() => Promise<void>)[] = [];
  // Stops what was started, last first; a second call finds nothing left to stop.
  const closeAll = async () => {
    for (let close = stack.pop(); close; close = stack.pop()) {
      await close().catch((error: unknown) => log.error({ err: error }, "shutdown step failed"));
    }
  };
  try {
    const dataSource = await openDatabase(config.databaseUrl);
    stack.push(() => dataSource.destroy());

    const endpoints = CLOUD_ENDPOINTS[config.cloud];
    let emulator: RunningEmulator | null = null;
    let cloud: MicrosoftCloudHandle;
    let verifier: BearerTokenVerifier;
    const upstream = {
      timeoutMs: config.upstream.timeoutMs,
      maxRetries: config.upstream.maxRetries,
      retryBaseDelayMs: config.upstream.retryBaseDelayMs,
      logger: log.child({ component: "cloud" }),
    };
    const readinessChecks: ReadinessCheck[] = [{ name: "database", check: async () => void (await dataSource.query("SELECT 1")) }];

    if (config.mode === "sandbox") {
      emulator = await startEmulator({
        port: config.emulator.port,
        seed: config.emulator.seed,
        tenants: config.emulator.tenants,
        tlsDir: join(config.dataDir, "emulator-tls"),
        log: (message, fields) => log.child({ component: "emulator" }).debug(fields ?? {}, message),
      });
      const running = emulator;
      stack.push(() => running.close());
      const credential = createTokenCredential({
        mode: "sandbox",
        authorityUrl: emulator.url,
        partnerTenantId: emulator.partnerTenantId,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
        caCertPem: emulator.caCertPem,
        timeoutMs: config.upstream.timeoutMs,
      });
      cloud = createMicrosoftCloud({
        ...upstream,
        graphBaseUrl: emulator.url,
        partnerCenterBaseUrl: emulator.url,
        partnerTenantId: emulator.partnerTenantId,
        credential,
        caCertPem: emulator.caCertPem,
      });
      verifier = new SandboxTokenVerifier(await loadOrCreateSandboxSigningKey(config.dataDir));
      readinessChecks.push({ name: "upstream", check: () => credential.getToken(["https://graph.microsoft.com/.default"]).then(() => undefined) });
    } else {
      const microsoft = config.microsoft!;
      const credential = createTokenCredential({
        mode: "microsoft",
        cloud: config.cloud,
        partnerTenantId: microsoft.partnerTenantId,
        clientId: microsoft.clientId,
        clientSecret: microsoft.clientSecret,
        certificatePath: microsoft.clientCertificatePath,
      });
      cloud = createMicrosoftCloud({ ...upstream, cloud: config.cloud, partnerTenantId: microsoft.partnerTenantId, credential });
      verifier = new EntraTokenVerifier({
        authorityHost: endpoints.authorityHost,
        partnerTenantId: microsoft.partnerTenantId,
        audience: microsoft.apiAudience,
      });
      readinessChecks.push({
        name: "upstream",
        check: () => credential.getToken([`${endpoints.graphBaseUrl}/.default`], { tenantId: microsoft.partnerTenantId }).then(() => undefined),
      });
    }
    const cloudHandle = cloud;
    stack.push(() => cloudHandle.close());

    const ticketStore = new TicketStore(dataSource);
    const agents = new AgentDirectory(config.mode === "sandbox" ? Object.values(DEMO_AGENTS) : []);
    const tickets = new TicketService({ store: ticketStore, entitlements: config.supportVehicles, agents });

    const gateway = await startGateway({
      schema: await buildGatewaySchema(),
      host: config.host,
      port: config.port,
      sandbox: config.mode === "sandbox",
      corsOrigins: config.corsOrigins,
      log,
      verifier,
      onAuthenticated: (agent) => agents.remember(agent),
      cloud,
      portalHosts: endpoints.portals,
      services: { tickets, ticketStore, agents },
      readinessChecks,
    });
    stack.push(() => gateway.close());
    return { gateway, emulator, dataSource, cloud, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
