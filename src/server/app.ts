import "reflect-metadata";
import { readFileSync } from "node:fs";
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
import { setUpReadRefresher } from "./read-refresher.setup";
import { connectSharedReadCache, type SharedReadCache } from "./shared-read-cache.setup";
import { ResponseCache } from "./response-cache";
import type { ReadRefresher } from "../cloud/refresher/read-refresher";
import { MICROSOFT_THROTTLE_LIMITS, startEmulator, type RunningEmulator } from "../emulator";
import { loadFallbackSupportTopics } from "../cloud/partner-center/support-topics.fallback";
import { buildGatewaySchema } from "../graphql/schema";
import { AgentDirectory } from "../tickets/agent-directory";
import { TicketService } from "../tickets/ticket.service";
import { TicketStore } from "../tickets/ticket.store";
import { TicketQueries } from "../tickets/ticket-queries";
import { startGateway, type RunningGateway } from "./gateway";
import { createPartnerCenterServiceRequestDesk } from "../cloud/partner-center/service-request-desk.factory";
import { LateBoundUserTokens } from "../cloud/partner-center/late-bound-user-tokens";
import { createEscalationModule, type EscalationModule } from "../escalation/escalation.module";
import { createAssertionVault } from "../escalation/assertion-vault";
import { ensurePrivateDirectory } from "../db/owner-only-files";
import type { CacheOutcome } from "../cloud/cache";
import { observeUpstreamCalls } from "../cloud/upstream-call.observer";
import type { CircuitEvent } from "../cloud/circuit-breaker";
import { GatewayMetrics } from "../metrics/gateway-metrics";
import { alertDeliveryDepth, outboxDepth } from "../metrics/outbox-depth.query";
import type { ReadinessCheck } from "./readiness";
import { CustomerReads } from "../customers/customer-reads";
import { hasUsableAccess } from "../customers/delegated-access-policy";
import { seedDemoTickets } from "../reporting/demo/demo-tickets.seed";
import { LiveTicketEvents } from "../reporting/live/live-ticket-events";
import { connectRedisLiveTicketEvents } from "../reporting/live/redis-live-ticket-events";
import { TicketEventLog } from "../tickets/ticket-event-log";
import { ReportingService } from "../reporting/reporting.service";
import { ExportLinkSigner } from "../reporting/export-link";
import { loadOrCreateExportLinkKey } from "../reporting/export-link-key";
import { SlaService } from "../sla/sla.service";
import { loadSupportOffering } from "../sla/support-offering";
import { BreachSweeper } from "../sla/breach-sweeper";
import { SlaDueProjection } from "../sla/sla-due.projection";
import type { RecordedSlaBreach } from "../sla/sla-breach";
import { SlaBreachStore } from "../sla/sla-breach.store";
import { SlaPolicyVersionStore } from "../sla/sla-policy-version.store";
import { policyForTicket } from "../sla/sla.service";
import { contactFromOffering } from "../cloud/azure-support/azure-support-contact";
import { createSandboxCloud, externalSandboxUpstream, type SandboxUpstream } from "./sandbox-upstream";
import { ShutdownStack } from "./shutdown-stack";
import { databaseWritableCheck, redisCheck } from "./dependency-probes";
import { parseDatabaseUrl } from "../db/database-url";
import { startAuditCheckpointer } from "../tickets/audit-checkpointer";
import { DEFAULT_CONSOLE_DIRECTORY, type ConsoleSignIn } from "./console.routes";
import { issueSandboxToken } from "../auth/sandbox-token";
import { createAlertsModule, type AlertsModule } from "../alerts/alerts.module";

export interface RunningApp {
  gateway: RunningGateway;
  /** The in-process Microsoft cloud emulator (sandbox mode only). */
  emulator: RunningEmulator | null;
  dataSource: DataSource;
  cloud: MicrosoftCloudHandle;
  /** The background read refresher (REFRESHER_ENABLED with the cache on), else null. */
  refresher: ReadRefresher | null;
  /** The server-side response cache (RESPONSE_CACHE=on), else null. */
  responseCache: ResponseCache | null;
  /** Outbox worker and status sync (started with the server unless ESCALATION_WORKERS=off). */
  escalation: EscalationModule;
  /** Records SLA breaches on an interval (SLA_SWEEP_INTERVAL_MS); `sweepOnce()` for tests and tools. */
  slaSweeper: BreachSweeper;
  /** Alerts (issue 18): raiser, scanner, delivery worker, the sandbox sink. */
  alerts: AlertsModule;
  close(): Promise<void>;
}

/**
 * The composition root: opens the database (running migrations), starts the emulator in sandbox
 * mode, wires the real Microsoft adapters to it (or to Microsoft), and starts the HTTP gateway.
 * On a failure half-way, everything already started is stopped again.
 */
export async function startApp(config: Config, log: Logger): Promise<RunningApp> {
  // Stops what was started, last first, each step bounded; close() is idempotent (issue 14).
  const shutdownMs = config.shutdownTimeoutMs;
  const stack = new ShutdownStack({ log, defaultStepTimeoutMs: Math.max(500, Math.floor(shutdownMs / 5)) });
  const closeAll = () => stack.close();
  try {
    // Secrets and the database live here: owner-only (issue 13).
    ensurePrivateDirectory(config.dataDir);
    const assertions = createAssertionVault(config.assertionKeys, config.dataDir);
    const dataSource = await openDatabase(config.databaseUrl);
    stack.push("database", async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    });
    // Signed audit checkpoints (issue 14): periodic, and a last one after every writer has stopped.
    const checkpointer = startAuditCheckpointer(config, dataSource, log);
    if (checkpointer !== null) stack.push("audit checkpoints", () => checkpointer.stop());

    const endpoints = CLOUD_ENDPOINTS[config.cloud];
    let emulator: RunningEmulator | null = null;
    let cloud: MicrosoftCloudHandle;
    let verifier: BearerTokenVerifier;
    let consoleSignIn: ConsoleSignIn;
    const metrics = new GatewayMetrics({ outboxDepth: () => outboxDepth(dataSource), alertDeliveryDepth: () => alertDeliveryDepth(dataSource) });
    const keepFor = (ttlMs: number) => ({ ttlMs, staleMs: config.cache.staleMs, errorTtlMs: config.cache.errorTtlMs });
    // Read first: Azure Support's contact comes from the partner's published offering too.
    const offering = loadSupportOffering(config.supportOfferingFile);
    const topicsUserTokens = new LateBoundUserTokens();
    // A real committed write (issue 14): a full disk or a read-only database fails it, SELECT 1 would not.
    const databaseTarget = parseDatabaseUrl(config.databaseUrl);
    const sqliteFile = databaseTarget.kind === "sqlite" && databaseTarget.database !== ":memory:" ? databaseTarget.database : null;
    const readinessChecks: ReadinessCheck[] = [databaseWritableCheck(dataSource, sqliteFile)];

    // The sandbox's Microsoft: the in-process emulator, or one running elsewhere (EMULATOR_URL).
    let sandboxUpstream: SandboxUpstream | null = null;
    if (config.mode === "sandbox" && config.emulator.external) {
      sandboxUpstream = externalSandboxUpstream(config.emulator.external, config.emulator.seed);
    } else if (config.mode === "sandbox") {
      emulator = await startEmulator({
        port: config.emulator.port,
        seed: config.emulator.seed,
        tenants: config.emulator.tenants,
        ...(config.emulator.throttling ? { throttling: MICROSOFT_THROTTLE_LIMITS } : {}),
        tlsDir: join(config.dataDir, "emulator-tls"),
        log: (message, fields) => log.child({ component: "emulator" }).debug(fields ?? {}, message),
      });
      const running = emulator;
      stack.push("emulator", () => running.close());
      sandboxUpstream = emulator;
    }
    // Several instances (issue 19): the read cache shared through Redis, keyed by partner and tenant.
    let sharedReadCache: SharedReadCache | null = null;
    if (config.cache.shared && config.redis) {
      sharedReadCache = await connectSharedReadCache({
        url: config.redis.url,
        prefix: config.redis.channelPrefix,
        partnerTenantId: sandboxUpstream?.partnerTenantId ?? config.microsoft!.partnerTenantId,
        log: log.child({ component: "read-cache" }),
      });
      const shared = sharedReadCache;
      stack.push("shared-read-cache", () => shared.close());
      readinessChecks.push(shared.readiness);
      metrics.observeSharedReadCache(() => shared.store.status());
    }
    // Issue 19: whole read-query responses per agent, dropped on ticket events and changed reads.
    const responseCache = config.responseCache.enabled
      ? new ResponseCache({ ttlMs: config.responseCache.ttlMs, maxEntries: config.responseCache.maxEntries, onLookup: metrics.observeResponseCache() })
      : null;
    const upstream = {
      ...config.upstream,
      logger: log.child({ component: "cloud" }),
      maxConcurrentReads: config.upstreamConcurrency,
      maxConcurrentReadsPerTenant: config.upstreamConcurrencyPerTenant,
      onCircuitEvent: (event: CircuitEvent) => metrics.countCircuitEvent(event),
      fallbackSupportTopics: loadFallbackSupportTopics(config.supportTopicsFile),
      // Support topics are App+User: asked on behalf of the agent with the desk's exchange (bound below).
      partnerCenterUserTokens: topicsUserTokens,
      azureSupport: {
        contact: contactFromOffering(offering.file),
        // "Highest critical impact" is reserved for Premier / Unified contracts.
        allowHighestCriticalImpact: config.supportVehicles.some((item) => item.vehicle === "PREMIER_SUPPORT_FOR_PARTNERS" || item.vehicle === "SIGNATURE_CLOUD_SUPPORT"),
        azureTicketsViaAzureSupport: config.azureEscalationChannel === "AZURE_SUPPORT",
        auxiliaryToken: config.azureSupportAuxiliaryToken,
      },
      readCache: config.cache.enabled
        ? {
            policies: {
              health: keepFor(config.cache.healthTtlMs),
              subscriptions: keepFor(config.cache.subscriptionsTtlMs),
              directory: keepFor(config.cache.directoryTtlMs),
              supportTopics: keepFor(Math.max(config.cache.directoryTtlMs, 3_600_000)),
            },
            maxEntries: config.cache.maxEntries,
            observer: (resource: string, outcome: CacheOutcome) => metrics.countCacheLookup(resource, outcome),
            ...(sharedReadCache ? { shared: sharedReadCache.store, sharedL1TtlMs: config.cache.sharedL1TtlMs } : {}),
            ...(responseCache ? { onChange: () => responseCache.invalidate() } : {}),
          }
        : undefined,
    };
    // UPSTREAM_CA_FILE (microsoft mode): trusted for upstream, token and JWKS calls only, never process-wide.
    const upstreamCaPem = config.microsoft?.caFile === undefined ? undefined : readFileSync(config.microsoft.caFile, "utf8");
    if (sandboxUpstream !== null) {
      const sandbox = createSandboxCloud(sandboxUpstream, upstream);
      const credential = sandbox.credential;
      stack.push("token-credential", () => credential.close());
      cloud = sandbox.cloud;
      const sandboxKey = await loadOrCreateSandboxSigningKey(config.dataDir);
      verifier = new SandboxTokenVerifier(sandboxKey);
      consoleSignIn = { mode: "sandbox", issueToken: (role) => issueSandboxToken(sandboxKey, DEMO_AGENTS[role]) };
      readinessChecks.push({ name: "upstream", check: () => credential.getToken(["https://graph.microsoft.com/.default"]).then(() => undefined) });
    } else {
      const microsoft = config.microsoft!;
      // AUTHORITY_HOST / GRAPH_BASE_URL / PARTNER_CENTER_BASE_URL / ARM_BASE_URL / UPSTREAM_CA_FILE point
      // microsoft mode at a private authority or the emulator, for every client (tokens included).
      const credential = createTokenCredential({
        ...config.upstream,
        mode: "microsoft",
        cloud: config.cloud,
        partnerTenantId: microsoft.partnerTenantId,
        clientId: microsoft.clientId,
        clientSecret: microsoft.clientSecret,
        certificatePath: microsoft.clientCertificatePath,
        authorityHost: microsoft.authorityHost,
        caCertPem: upstreamCaPem,
      });
      stack.push("token-credential", () => credential.close());
      cloud = createMicrosoftCloud({
        ...upstream,
        cloud: config.cloud,
        partnerTenantId: microsoft.partnerTenantId,
        credential,
        graphBaseUrl: microsoft.graphBaseUrl,
        partnerCenterBaseUrl: microsoft.partnerCenterBaseUrl,
        armBaseUrl: microsoft.armBaseUrl,
        caCertPem: upstreamCaPem,
      });
      verifier = new EntraTokenVerifier({
        authorityHost: microsoft.authorityHost ?? endpoints.authorityHost,
        issuers: microsoft.tokenIssuers,
        partnerTenantId: microsoft.partnerTenantId,
        clientId: microsoft.clientId,
        audiences: microsoft.apiAudiences,
        caCertPem: upstreamCaPem,
        jwksRefreshCooldownMs: microsoft.jwksRefreshCooldownMs,
        timeoutMs: config.upstream.timeoutMs,
      });
      readinessChecks.push({
        name: "upstream",
        check: () => credential.getToken([`${endpoints.graphBaseUrl}/.default`], { tenantId: microsoft.partnerTenantId }).then(() => undefined),
      });
      consoleSignIn = consoleSignInForMicrosoft(config, microsoft.authorityHost ?? endpoints.authorityHost);
    }
    const cloudHandle = cloud;
    stack.push("microsoft-cloud", () => cloudHandle.close());
    const upstreamOrigins =
      sandboxUpstream !== null
        ? [sandboxUpstream.url]
        : [
            config.microsoft?.graphBaseUrl ?? endpoints.graphBaseUrl,
            config.microsoft?.partnerCenterBaseUrl ?? endpoints.partnerCenterBaseUrl,
            config.microsoft?.authorityHost ?? endpoints.authorityHost,
            config.microsoft?.armBaseUrl ?? endpoints.armBaseUrl,
          ];
    const stopObserving = observeUpstreamCalls(upstreamOrigins, (call) => metrics.countUpstreamCall(call));
    stack.push("upstream-observer", () => stopObserving());

    const ticketStore = new TicketStore(dataSource);
    // Issue 19: keeps every tenant's reads fresh in the cache the ports read (REFRESHER_ENABLED).
    const refreshed = setUpReadRefresher(cloud, config, {
      ticketStore,
      metrics,
      readinessChecks,
      onError: (key, error) => log.child({ component: "refresher" }).debug({ key, err: error }, "background refresh failed"),
      ...(sharedReadCache
        ? { lease: { redis: sharedReadCache.redis, key: sharedReadCache.leaseKey, onChange: (message: string, details: Record<string, unknown>) => log.child({ component: "refresher" }).info(details, message) } }
        : {}),
    });
    cloud = refreshed.cloud;
    if (refreshed.refresher) {
      const refresher = refreshed.refresher;
      const { lease, views } = refreshed;
      // The lease is given back (and pending views written) before Redis closes, so a standby takes over at its next poll.
      stack.push("read-refresher", async () => {
        refresher.stop();
        await views?.stop();
        await lease?.stop();
      });
    }
    // A customer's name for escalation packets and alert payloads; the customer list is a cached upstream read.
    const customerName = async (customerId: string) => (await cloud.customers.listCustomers()).find((c) => c.id === customerId)?.name ?? null;
    const agents = new AgentDirectory([...(config.mode === "sandbox" ? Object.values(DEMO_AGENTS) : []), ...config.deskAgents]);
    const tickets = new TicketService({
      store: ticketStore,
      entitlements: config.supportVehicles,
      agents,
      // Must agree with the desks registered with the escalation module below.
      escalationChannel: (product) => (product === "AZURE" && config.azureEscalationChannel === "AZURE_SUPPORT" ? "AZURE_SUPPORT" : "PARTNER_CENTER"),
      assertions,
    });

    const deskHandle = createPartnerCenterServiceRequestDesk(
      sandboxUpstream !== null
        ? {
            mode: "sandbox",
            emulatorUrl: sandboxUpstream.url,
            partnerTenantId: sandboxUpstream.partnerTenantId,
            clientId: sandboxUpstream.clientId,
            clientSecret: sandboxUpstream.clientSecret,
            caCertPem: sandboxUpstream.caCertPem,
            timeoutMs: config.upstream.timeoutMs,
          }
        : {
            mode: "microsoft",
            cloud: config.cloud,
            partnerTenantId: config.microsoft!.partnerTenantId,
            clientId: config.microsoft!.clientId,
            clientSecret: config.microsoft!.clientSecret,
            certificatePath: config.microsoft!.clientCertificatePath,
            partnerCenterBaseUrl: config.microsoft!.partnerCenterBaseUrl,
            authorityHost: config.microsoft!.authorityHost,
            caCertPem: upstreamCaPem,
            timeoutMs: config.upstream.timeoutMs,
          },
      // The primary contact of a service request is the escalating agent, reachable at the desk's support e-mail.
      { contactDefaults: { email: contactFromOffering(offering.file).email } },
    );
    stack.push("service-request-desk", () => deskHandle.close());
    topicsUserTokens.bind(deskHandle.userTokens);
    const escalation = createEscalationModule({
      dataSource,
      tickets,
      ticketStore,
      partnerCenterDesk: deskHandle.desk,
      productDesks: { AZURE: config.azureEscalationChannel === "AZURE_SUPPORT" && cloud.azureSupportDesk ? cloud.azureSupportDesk : deskHandle.desk },
      health: cloud.health,
      customerName,
      assertions,
      settings: config.escalation,
      log: log.child({ component: "escalation" }),
    });
    if (config.escalation.enabled) escalation.start();
    stack.push("escalation-workers", () => escalation.stop());
    tickets.onTransition((event) => metrics.countTransition(event.type, event.toState.split(".")[0] ?? event.toState));

    // Support leads (issue 6): SLA from the offering file, audit reporting, live events after commit.
    const policyVersions = new SlaPolicyVersionStore(dataSource);
    const slaBreaches = new SlaBreachStore(dataSource);
    const sla = new SlaService({ offering, store: ticketStore, policyVersions, breaches: slaBreaches });
    // A ticket keeps the SLA policy version it was opened under (stored after OPEN commits;
    // until then, or if this write is lost, reads derive the same version and the sweeper pins it).
    tickets.onTransition((event) => {
      if (event.type !== "OPEN") return;
      policyVersions
        .pin(event.ticketId, policyForTicket(offering, event.at, null).version)
        .catch((error: unknown) => log.warn({ err: error, ticketId: event.ticketId }, "SLA policy version not stored"));
    });
    // The desk's "SLA due" order reads each ticket's next deadline, rewritten after every transition.
    const slaDue = new SlaDueProjection({
      dataSource,
      sla,
      onError: (error, ticketId) => log.warn({ err: error, ticketId }, "SLA due date not stored"),
    });
    tickets.onTransition((event) => void slaDue.refresh(event.ticketId, event));
    stack.push("sla-due", () => slaDue.idle());
    // Redis down does not stop the start (issue 14): it connects in the background, /ready reports it.
    const liveEvents = config.redis
      ? await connectRedisLiveTicketEvents({ url: config.redis.url, channelPrefix: config.redis.channelPrefix, log: log.child({ component: "live-events" }) })
      : new LiveTicketEvents();
    if (config.redis) readinessChecks.push(redisCheck(liveEvents));
    const eventLog = new TicketEventLog(dataSource);
    stack.push("live-events", () => liveEvents.close());
    // Alerts (issue 18): on committed ticket events, on breaches the sweeper finds, and periodic checks.
    const alerts = await createAlertsModule({
      config,
      dataSource,
      tickets,
      eventLog,
      sla,
      slaBreaches,
      customerName,
      health: (customerId) => cloud.health.getTenantHealth(customerId),
      delegatedAccess: () => cloud.customers.listDelegatedAccess(),
      // Raised alerts reach `alertRaised` subscribers of every instance on the live-events transport.
      live: liveEvents,
      log: log.child({ component: "alerts" }),
    });
    stack.push("alerts", () => alerts.stop());
    const slaSweeper = new BreachSweeper({
      sla,
      breaches: slaBreaches,
      intervalMs: config.slaSweepIntervalMs,
      log: log.child({ component: "sla-sweeper" }),
      ...(config.alerts.enabled ? { onBreaches: (found: readonly RecordedSlaBreach[]) => alerts.scanner.onBreaches(found) } : {}),
    });
    slaSweeper.start();
    stack.push("sla-sweeper", () => slaSweeper.stop());
    const reporting = new ReportingService({
      store: ticketStore,
      sla,
      dataSource,
      // Names on export rows; the customer list is a cached upstream read.
      customerNames: async () => new Map((await cloud.customers.listCustomers()).map((customer) => [customer.id, customer.name])),
      agentName: (id) => agents.find(id)?.displayName ?? null,
    });
    const exportLinks = new ExportLinkSigner({
      key: loadOrCreateExportLinkKey(config.exportLinks.key, config.dataDir),
      ttlSeconds: config.exportLinks.ttlSeconds,
      baseUrl: config.exportLinks.publicBaseUrl,
    });
    if (responseCache) {
      // Every committed ticket event, this instance's at once and (over Redis) every other instance's.
      tickets.onTransition(() => responseCache.invalidate());
      const stopListening = liveEvents.onEvent(() => responseCache.invalidate());
      stack.push("response-cache", () => stopListening());
    }
    tickets.onTransition((event) => {
      liveEvents.publish(event).catch((error: unknown) => log.warn({ err: error, ticketId: event.ticketId }, "live event not published"));
    });
    if (config.demoData) {
      const reads = new CustomerReads(cloud);
      const customerIds: string[] = [];
      for (const customer of await reads.listCustomers()) {
        if (hasUsableAccess(await reads.delegatedAccess(customer.id))) customerIds.push(customer.id);
      }
      await seedDemoTickets({ store: ticketStore, agents, customers: reads, customerIds: customerIds.slice(0, 8), now: new Date(), log });
    }

    // After the demo seed, before anyone can commit: the first start anchors the alert catch-up here.
    await alerts.anchor();

    // Tickets written without a refresh (demo seed, a stop between commit and refresh) get theirs
    // in the background: a large first backfill must not hold up the start.
    slaDue.backfill().catch((error: unknown) => log.warn({ err: error }, "SLA due dates not backfilled"));

    const gateway = await startGateway({
      schema: await buildGatewaySchema({ pubSub: liveEvents.pubSub }),
      host: config.host,
      port: config.port,
      sandbox: config.mode === "sandbox",
      corsOrigins: config.corsOrigins,
      log,
      verifier,
      onAuthenticated: (agent) => agents.remember(agent),
      cloud,
      portalHosts: endpoints.portals,
      services: { tickets, ticketStore, ticketQueries: new TicketQueries(ticketStore), agents, escalation, sla, reporting, liveEvents, eventLog, exportLinks, alerts: alerts.service, alertBus: alerts.bus, alertSender: alerts.sender },
      readinessChecks,
      metrics,
      ...(responseCache ? { responseCache } : {}),
      // A live re-check drops the cached GDAP list first, so it reads upstream at least every LIVE_ACCESS_TTL_MS.
      liveSockets: { ...config.liveSockets, forgetCachedAccess: () => cloud.readCache?.invalidate("delegatedAccess") },
      drainTimeoutMs: Math.floor(shutdownMs * 0.4),
      upstreamBudgetMs: config.upstreamRequestBudgetMs,
      http: config.http,
      console: { directory: DEFAULT_CONSOLE_DIRECTORY, signIn: consoleSignIn },
    });
    exportLinks.useGatewayUrl(gateway.url);
    // Draining in-flight requests gets the largest share of the shutdown budget.
    stack.push("gateway", () => gateway.close(), Math.floor(shutdownMs / 2));
    alerts.bindConsoleBaseUrl(gateway.url);
    alerts.start();
    return { gateway, emulator, dataSource, cloud, refresher: refreshed.refresher, responseCache, escalation, slaSweeper, alerts, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * Microsoft mode: the console signs agents in with MSAL (authorization code + PKCE) against the
 * partner tenant, as the SPA registration CONSOLE_CLIENT_ID (default: the gateway's own app),
 * asking for the API's access_as_user scope.
 */
function consoleSignInForMicrosoft(config: Config, authorityHost: string): ConsoleSignIn {
  const microsoft = config.microsoft!;
  const apiAudience = microsoft.apiAudiences.find((audience) => audience.startsWith("api://")) ?? `api://${microsoft.clientId}`;
  return {
    mode: "microsoft",
    clientId: config.consoleClientId ?? microsoft.clientId,
    authority: `${authorityHost.replace(/\/$/, "")}/${microsoft.partnerTenantId}`,
    knownAuthorities: [new URL(authorityHost).host],
    scopes: [`${apiAudience.replace(/\/$/, "")}/access_as_user`],
  };
}
