import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { CLOUD_NAMES } from "./cloud/cloud-endpoints";
import { entraTokenIssuers, isIssuerTemplate } from "./auth/entra-issuers";
import { parseAssertionKeys } from "./escalation/assertion-cipher";
import { AGENT_ROLES, type Agent } from "./auth/agent";

/**
 * The gateway's one typed configuration, parsed once from the environment at start.
 * Every key is documented in `.env.example` and README's configuration table.
 */

/** A comma-separated setting as its trimmed, non-empty items. */
const listOf = (value: string): string[] => value.split(",").map((item) => item.trim()).filter(Boolean);

export const SUPPORT_VEHICLE_NAMES = [
  "COMMERCIAL",
  "PREMIER_SUPPORT_FOR_PARTNERS",
  "ADVANCED_SUPPORT_FOR_PARTNERS",
  "SIGNATURE_CLOUD_SUPPORT",
] as const;
export type SupportVehicleName = (typeof SUPPORT_VEHICLE_NAMES)[number];

/** A technical support vehicle the partner holds, with its contract id or competency as reference. */
export interface VehicleEntitlement {
  vehicle: Exclude<SupportVehicleName, "COMMERCIAL">;
  reference: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

/** A whole number from `min` to `max`; every refusal says so in the same words. */
const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ message }).int(message).min(min, message).max(max, message);
};
const port = (fallback: number) => wholeNumber(0, 65535).default(fallback);
const positiveInt = (fallback: number, max: number) => wholeNumber(1, max).default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const onOff = z.enum(["on", "off"], { message: "must be on or off" });
const httpsUrl = optionalText.refine((value) => value === undefined || /^https:\/\/.+/.test(value), { message: "must be an https:// URL" });

// Default: sqlite:<DATA_DIR>/psg.sqlite, so two instances with different DATA_DIRs never share a file.
const databaseUrl = optionalText.refine((value) => value === undefined || /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(value), {
  message: "must be sqlite:PATH, sqlite::memory: or postgres://user@host:port/database",
});

const logLevel = z
  .string()
  .trim()
  .toLowerCase()
  .default("info")
  .pipe(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "must be one of fatal, error, warn, info, debug, trace, silent (any case)",
    }),
  );

/** Comma-separated browser origins, each scheme://host[:port] exactly (what the Origin header carries). */
const corsOrigins = z
  .string()
  .trim()
  .default("http://localhost:3000,http://localhost:5173,http://127.0.0.1:5173")
  .transform((value, ctx): string[] => {
    const origins = listOf(value);
    for (const origin of origins) {
      if (!isOrigin(origin)) {
        ctx.addIssue({ code: "custom", message: `"${origin.slice(0, 100)}" is not a URL origin (scheme://host[:port], no path), comma separated` });
        return z.NEVER;
      }
    }
    return origins;
  });

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value.replace(/\/$/, "");
  } catch {
    return false;
  }
}

/**
 * The project's root folder (where package.json is): relative paths in the configuration resolve
 * against it, not against the directory the process was started from.
 */
export const PROJECT_ROOT = findProjectRoot(__dirname);

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

const fromRoot = (root: string, path: string): string => (isAbsolute(path) ? path : resolve(root, path));
const vehicles = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): VehicleEntitlement[] | undefined => {
    if (value === undefined || value === "") return undefined;
    const result: VehicleEntitlement[] = [];
    for (const item of listOf(value)) {
      const [name = "", ...rest] = item.split(":");
      if (name === "COMMERCIAL") continue; // always entitled; accepted for readability
      if (!(SUPPORT_VEHICLE_NAMES as readonly string[]).includes(name)) {
        ctx.addIssue({
          code: "custom",
          message: `unknown support vehicle "${name}" (use ${SUPPORT_VEHICLE_NAMES.slice(1).join(", ")}, optionally :reference)`,
        });
        return z.NEVER;
      }
      const reference = rest.join(":").trim();
      result.push({ vehicle: name as VehicleEntitlement["vehicle"], reference: reference === "" ? null : reference });
    }
    return result;
  });

/** DESK_AGENTS: `id|Display Name|ROLE` entries separated by `;` (the agent picker before anyone signed in). */
const deskAgents = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): Agent[] => {
    const agents: Agent[] = [];
    for (const item of (value ?? "").split(";").map((part) => part.trim()).filter(Boolean)) {
      const [id = "", displayName = "", role = "", ...extra] = item.split("|").map((part) => part.trim());
      if (extra.length > 0 || !/^[A-Za-z0-9._:@-]{1,128}$/.test(id) || displayName === "" || !(AGENT_ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not id|Display Name|ROLE (ROLE one of ${AGENT_ROLES.join(", ")})` });
        return z.NEVER;
      }
      agents.push({ id, displayName, role: role as Agent["role"] });
    }
    return agents;
  });

const schema = z.object({
  PSG_MODE: z.enum(["sandbox", "microsoft"], { message: "must be sandbox or microsoft" }).default("sandbox"),
  PSG_CLOUD: z.enum(CLOUD_NAMES, { message: `must be one of ${CLOUD_NAMES.join(", ")}` }).default("public"),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PORT: port(4000),
  DATA_DIR: z.string().trim().min(1).default("data"),
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: logLevel,
  // pretty: one readable line per entry (pino-pretty); json: one JSON object per line. Default: pretty in sandbox.
  LOG_FORMAT: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["json", "pretty"], { message: "must be json or pretty" }).optional(),
  ),
  CORS_ORIGINS: corsOrigins,
  EMULATOR_PORT: port(4010),
  EMULATOR_TENANTS: positiveInt(25, 5000),
  EMULATOR_THROTTLING: z.enum(["microsoft", "off"], { message: "must be microsoft or off" }).default("microsoft"),
  EMULATOR_SEED: z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").default(42),
  // Sandbox against an emulator started elsewhere (issue 4: tests that kill and restart the gateway process).
  EMULATOR_URL: optionalText.refine((value) => value === undefined || /^https:\/\/[^/]+$/.test(value), { message: "must be https://host:port" }),
  EMULATOR_CA_FILE: optionalText,
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000, 600_000),
  UPSTREAM_MAX_RETRIES: wholeNumber(0, 10).default(3),
  UPSTREAM_RETRY_BASE_DELAY_MS: positiveInt(500, 60_000),
  // Upstream read cache and concurrency cap (issue 7; README "Performance").
  UPSTREAM_CACHE: onOff.default("on"),
  CACHE_TTL_HEALTH_MS: positiveInt(60_000, 86_400_000),
  CACHE_TTL_SUBSCRIPTIONS_MS: positiveInt(600_000, 86_400_000),
  CACHE_TTL_DIRECTORY_MS: positiveInt(600_000, 86_400_000),
  CACHE_STALE_MS: wholeNumber(0, 86_400_000).default(300_000),
  CACHE_MAX_ENTRIES: positiveInt(25_000, 1_000_000),
  REFRESHER_ENABLED: onOff.optional(),
  REFRESHER_CALLS_PER_MINUTE: positiveInt(12_000, 1_000_000),
  REFRESHER_CONCURRENCY: positiveInt(48, 256),
  REFRESHER_REFRESH_AT_PERCENT: wholeNumber(10, 100).default(75),
  CACHE_ERROR_TTL_MS: wholeNumber(0, 3_600_000).default(30_000),
  // Several instances (issue 19): the read cache shared through REDIS_URL, and one refresher holding a lease there.
  READ_CACHE_SHARED: onOff.default("on"),
  READ_CACHE_L1_TTL_MS: positiveInt(5_000, 3_600_000),
  // The server-side response cache of the read queries (issue 19); off by default.
  RESPONSE_CACHE: onOff.default("off"),
  RESPONSE_CACHE_TTL_MS: positiveInt(10_000, 3_600_000),
  RESPONSE_CACHE_MAX_ENTRIES: positiveInt(2_000, 1_000_000),
  REFRESHER_LEASE_MS: wholeNumber(1_000, 600_000).default(15_000),
  UPSTREAM_CONCURRENCY: positiveInt(64, 1024),
  // Time budgets (issue 14.5): per-tenant slots under the global cap, one upstream budget per GraphQL
  // request, and the HTTP server's header/request/keep-alive timeouts and connection cap.
  UPSTREAM_CONCURRENCY_PER_TENANT: positiveInt(4, 1024),
  UPSTREAM_REQUEST_BUDGET_MS: positiveInt(10_000, 600_000),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000, 3_600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000, 600_000),
  HTTP_MAX_CONNECTIONS: positiveInt(1_024, 1_000_000),
  PARTNER_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  // Entra access tokens of agents (issue 12): v1.0 audiences, and the accepted issuers when not the cloud's.
  API_AUDIENCE: optionalText,
  TOKEN_ISSUERS: optionalText.refine((value) => value === undefined || listOf(value).every(isIssuerTemplate), {
    message: "must be https:// issuer URLs with {tenantid}, comma separated (v2.0 ones end in /v2.0)",
  }),
  // Microsoft mode against a private authority or the emulator (issue 5): host overrides + a CA to trust.
  AUTHORITY_HOST: optionalText.refine((value) => value === undefined || /^https:\/\/[^/]+\/?$/.test(value), { message: "must be https://host[:port]" }),
  GRAPH_BASE_URL: httpsUrl,
  PARTNER_CENTER_BASE_URL: httpsUrl,
  // Azure Resource Manager root (Azure Support tickets, a customer's subscriptions), issue 12.
  ARM_BASE_URL: httpsUrl,
  UPSTREAM_CA_FILE: optionalText,
  // The console's own app registration (an SPA redirect URI); default: the gateway's AZURE_CLIENT_ID (issue 17).
  CONSOLE_CLIENT_ID: optionalText.refine((value) => value === undefined || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value), { message: "must be an application (client) id (GUID)" }),
  JWKS_REFRESH_COOLDOWN_MS: wholeNumber(0, 3_600_000).default(30_000),
  PARTNER_SUPPORT_VEHICLES: vehicles,
  // The desk's agent directory (issue 16): assignable agents known before they first sign in.
  DESK_AGENTS: deskAgents,
  // Support leads (issue 6): offering file, live events fan-out, sandbox demo data.
  SUPPORT_OFFERING_FILE: z.string().trim().min(1).default("config/support-offering.json"),
  REDIS_URL: optionalText.refine((value) => value === undefined || /^rediss?:\/\/.+/.test(value), {
    message: "must be redis://host:port (or rediss://)",
  }),
  REDIS_CHANNEL_PREFIX: z.string().trim().default("psg:"),
  // The WebSocket door (issue 13): frame cap (like the 1 MiB HTTP body cap), subscriptions per socket, sockets per agent,
  // and the oldest GDAP data a live subscription may decide on.
  WS_MAX_PAYLOAD_BYTES: positiveInt(1_048_576, 104_857_600),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt(100, 10_000),
  WS_MAX_SOCKETS_PER_AGENT: positiveInt(10, 1_000),
  LIVE_ACCESS_TTL_MS: positiveInt(60_000, 3_600_000),
  DEMO_DATA: onOff.default("off"),
  // Stored sign-ins encrypted at rest (issue 13): base64 AES-256 keys; the first seals, all open.
  ASSERTION_KEY: optionalText,
  ASSERTION_KEYS: optionalText,
  // Anchored audit trail (issue 14): Ed25519 checkpoint key outside the database, checkpoint interval (0 = off).
  AUDIT_SIGNING_KEY_FILE: optionalText,
  AUDIT_PUBLIC_KEY_FILE: optionalText,
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number({ message: "must be 0 or a whole number from 1000 to 86400000" }).int().min(0).max(86_400_000)
    .refine((value) => value === 0 || value >= 1_000, { message: "must be 0 or a whole number from 1000 to 86400000" }).default(300_000),
  // Graceful shutdown (issue 14): SIGINT/SIGTERM drain and stop everything within this bound, else exit 1.
  SHUTDOWN_TIMEOUT_MS: wholeNumber(1_000, 600_000).default(10_000),
  // Signed export download links (issue 16): HMAC key (base64, >= 32 bytes; else DATA_DIR/export-link-key), lifetime, public address.
  EXPORT_LINK_KEY: optionalText,
  EXPORT_LINK_TTL_SECONDS: wholeNumber(10, 3_600).default(300),
  PUBLIC_BASE_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value), {
    message: "must be an http(s) URL, e.g. https://desk.example.com",
  }),
  // SLA breach sweeper (issue 6): default 60 s, 5 s in sandbox mode.
  SLA_SWEEP_INTERVAL_MS: wholeNumber(1_000, 86_400_000).optional(),
  // Escalation workers (issue 4): outbox filing worker and service request status sync.
  ESCALATION_WORKERS: onOff.default("on"),
  SYNC_INTERVAL_MS: wholeNumber(100, 86_400_000).optional(),
  OUTBOX_POLL_INTERVAL_MS: wholeNumber(50, 600_000).default(1_000),
  OUTBOX_LEASE_MS: wholeNumber(1_000, 3_600_000).default(120_000),
  OUTBOX_MAX_ATTEMPTS: positiveInt(6, 100),
  OUTBOX_RETRY_BASE_DELAY_MS: positiveInt(2_000, 3_600_000),
  SUPPORT_TOPICS_FILE: z.string().trim().min(1).default("config/support-topics.json"),
  // Azure escalations (issue 8): which channel files AZURE tickets.
  AZURE_ESCALATION_CHANNEL: z.enum(["AZURE_SUPPORT", "PARTNER_CENTER"], { message: "must be AZURE_SUPPORT or PARTNER_CENTER" }).default("AZURE_SUPPORT"),
  // Azure documents x-ms-authorization-auxiliary (a partner-tenant token) for tickets filed on behalf of a CSP customer.
  AZURE_SUPPORT_AUXILIARY_TOKEN: onOff.default("off"),
  // Alerts (issue 18): raising, rules file, periodic checks, delivery through the outbox, the sandbox sink.
  ALERTS: onOff.default("on"),
  ALERT_WORKERS: onOff.default("on"),
  ALERT_RULES_FILE: optionalText,
  ALERT_SCAN_INTERVAL_MS: wholeNumber(1_000, 86_400_000).optional(),
  ALERT_SLA_AT_RISK_SHARE: z.coerce.number({ message: "must be a number from 0.05 to 0.99" }).min(0.05, "must be a number from 0.05 to 0.99").max(0.99, "must be a number from 0.05 to 0.99").default(0.8),
  ALERT_GDAP_EXPIRY_DAYS: positiveInt(30, 730),
  ALERT_DELIVERY_LEASE_MS: wholeNumber(1_000, 3_600_000).default(30_000),
  ALERT_DELIVERY_MAX_ATTEMPTS: positiveInt(12, 100),
  ALERT_DELIVERY_RETRY_BASE_DELAY_MS: positiveInt(1_000, 3_600_000),
  ALERT_DELIVERY_RETRY_MAX_DELAY_MS: positiveInt(60_000, 86_400_000),
  ALERT_DELIVERY_TIMEOUT_MS: positiveInt(10_000, 120_000),
  ALERT_SINK: onOff.default("on"),
  // Default 4011 / 2525; ephemeral when EMULATOR_PORT is 0 (tests and tools that ask for free ports).
  ALERT_SINK_PORT: wholeNumber(0, 65535).optional(),
  ALERT_SINK_SMTP_PORT: wholeNumber(0, 65535).optional(),
});

/** Every environment variable the configuration reads (each documented in .env.example). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);


/** The gateway's settings: what `parseConfig` makes of the environment (the type is its return value, so each field is written once). */
export type Config = ReturnType<typeof parseConfig>;

/** The sandbox partner's entitlements (ARCHITECTURE.md "Sandbox partner profile"). */
export const SANDBOX_SUPPORT_VEHICLES: VehicleEntitlement[] = [
  { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", reference: "ASfP-SANDBOX-0001" },
];

/**
 * Parses the environment into a Config. Throws ConfigError naming the first bad variable,
 * so `main` can print one line and exit non-zero.
 */
export function parseConfig(env: NodeJS.ProcessEnv, options: { projectRoot?: string } = {}) {
  const root = options.projectRoot ?? PROJECT_ROOT;
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // Never the raw value: it may be or hold a secret (a REDIS_URL or DATABASE_URL password, a key).
    throw new ConfigError(String(issue.path[0] ?? "environment"), issue.message);
  }
  const e = result.data;
  const dataDir = fromRoot(root, e.DATA_DIR);
  const optionalPath = (value: string | undefined) => (value === undefined ? undefined : fromRoot(root, value));
  const microsoft = e.PSG_MODE === "microsoft" ? microsoftSettings(e) : null;
  return {
    mode: e.PSG_MODE,
    cloud: e.PSG_CLOUD,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: resolveDatabaseUrl(root, dataDir, e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    /** CONSOLE_CLIENT_ID: the console's SPA app registration in microsoft mode (default: the gateway's client id). */
    consoleClientId: e.CONSOLE_CLIENT_ID,
    /** LOG_FORMAT: `pretty` (readable lines, sandbox default) or `json` (one object per line, microsoft default). */
    logFormat: e.LOG_FORMAT ?? (e.PSG_MODE === "sandbox" ? "pretty" : "json"),
    corsOrigins: e.CORS_ORIGINS,
    /**
     * The sandbox emulator: started in-process, or (EMULATOR_URL + EMULATOR_CA_FILE) one already
     * running elsewhere with the same EMULATOR_SEED, whose partner credentials follow from the seed.
     * throttling: EMULATOR_THROTTLING=microsoft (default) enforces Microsoft's documented rate limits (429 + Retry-After).
     */
    emulator: { port: e.EMULATOR_PORT, tenants: e.EMULATOR_TENANTS, seed: e.EMULATOR_SEED, throttling: e.EMULATOR_THROTTLING === "microsoft", external: externalEmulator(e) },
    upstream: {
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      maxRetries: e.UPSTREAM_MAX_RETRIES,
      retryBaseDelayMs: e.UPSTREAM_RETRY_BASE_DELAY_MS,
    },
    /**
     * The background refresher (issue 19): REFRESHER_ENABLED (default on in sandbox, off in
     * microsoft mode; needs UPSTREAM_CACHE=on), its ceiling REFRESHER_CALLS_PER_MINUTE, reads in flight
     * REFRESHER_CONCURRENCY, and REFRESHER_REFRESH_AT_PERCENT (an entry is re-read at this share of its TTL).
     */
    refresher: {
      enabled: e.UPSTREAM_CACHE === "on" && (e.REFRESHER_ENABLED ?? (e.PSG_MODE === "sandbox" ? "on" : "off")) === "on",
      callsPerMinute: e.REFRESHER_CALLS_PER_MINUTE,
      concurrency: e.REFRESHER_CONCURRENCY,
      refreshAtPercent: e.REFRESHER_REFRESH_AT_PERCENT,
      /** REFRESHER_LEASE_MS: with a shared read cache, the lease one instance's refresher holds in Redis (default 15 s); a dead holder's lease passes on within it. */
      leaseMs: e.REFRESHER_LEASE_MS,
    },
    /**
     * The upstream read cache: TTLs per resource (health + incidents short; subscriptions, customers
     * and GDAP longer), the stale-while-revalidate window, and the cap on concurrent upstream reads.
     */
    cache: {
      enabled: e.UPSTREAM_CACHE === "on",
      healthTtlMs: e.CACHE_TTL_HEALTH_MS,
      subscriptionsTtlMs: e.CACHE_TTL_SUBSCRIPTIONS_MS,
      directoryTtlMs: e.CACHE_TTL_DIRECTORY_MS,
      staleMs: e.CACHE_STALE_MS,
      maxEntries: e.CACHE_MAX_ENTRIES,
      /** FORBIDDEN / NOT_FOUND answers kept this long per tenant (0 = not at all); transient errors never. */
      errorTtlMs: e.CACHE_ERROR_TTL_MS,
      /**
       * The cache shared by several instances through Redis (issue 19): on when UPSTREAM_CACHE=on,
       * REDIS_URL is set and READ_CACHE_SHARED is not off. An entry taken from Redis is served from
       * memory for READ_CACHE_L1_TTL_MS (default 5 s) before Redis is asked again in the background.
       */
      shared: e.UPSTREAM_CACHE === "on" && e.REDIS_URL !== undefined && e.READ_CACHE_SHARED === "on",
      sharedL1TtlMs: e.READ_CACHE_L1_TTL_MS,
    },
    /**
     * The server-side response cache (RESPONSE_CACHE, default off; src/server/response-cache.ts):
     * whole responses of customer, health, incident and board queries per agent, dropped on every
     * ticket event and every changed upstream read, kept at most RESPONSE_CACHE_TTL_MS (default 10 s),
     * RESPONSE_CACHE_MAX_ENTRIES (2,000) at most. HTTP responses stay `Cache-Control: no-store`.
     */
    responseCache: { enabled: e.RESPONSE_CACHE === "on", ttlMs: e.RESPONSE_CACHE_TTL_MS, maxEntries: e.RESPONSE_CACHE_MAX_ENTRIES },
    /** Upstream reads in flight at most (UPSTREAM_CONCURRENCY, default 64). */
    upstreamConcurrency: e.UPSTREAM_CONCURRENCY,
    /** Upstream reads in flight at most for one customer tenant, under the global cap (UPSTREAM_CONCURRENCY_PER_TENANT, default 4). */
    upstreamConcurrencyPerTenant: e.UPSTREAM_CONCURRENCY_PER_TENANT,
    /** What every upstream read of one GraphQL request may take together (UPSTREAM_REQUEST_BUDGET_MS, default 10 s). */
    upstreamRequestBudgetMs: e.UPSTREAM_REQUEST_BUDGET_MS,
    /**
     * The HTTP server: time to receive a request's headers (HTTP_HEADERS_TIMEOUT_MS, default 10 s) and
     * the whole request (HTTP_REQUEST_TIMEOUT_MS, 30 s), idle keep-alive (HTTP_KEEP_ALIVE_TIMEOUT_MS, 5 s)
     * and open connections at most (HTTP_MAX_CONNECTIONS, 1024; WebSockets included).
     */
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      // Node refuses a headers timeout longer than the request timeout.
      requestTimeoutMs: Math.max(e.HTTP_REQUEST_TIMEOUT_MS, e.HTTP_HEADERS_TIMEOUT_MS),
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    /** Technical support vehicles the partner is entitled to (COMMERCIAL is always entitled). */
    supportVehicles: e.PARTNER_SUPPORT_VEHICLES ?? (e.PSG_MODE === "sandbox" ? SANDBOX_SUPPORT_VEHICLES : []),
    /** Agents the `agents` picker offers before they sign in (DESK_AGENTS; with the demo agents in sandbox). */
    deskAgents: e.DESK_AGENTS,
    /** The support offering (service hours, plans, SLA policies), validated at start. */
    supportOfferingFile: fromRoot(root, e.SUPPORT_OFFERING_FILE),
    /**
     * Where AZURE tickets are escalated (AZURE_ESCALATION_CHANNEL): the Azure Support API (default;
     * needs the Azure role "Support Request Contributor" on the customer's subscription) or Partner
     * Center. Microsoft 365 and Dynamics 365 always go to Partner Center.
     */
    azureEscalationChannel: e.AZURE_ESCALATION_CHANNEL,
    /** AZURE_SUPPORT_AUXILIARY_TOKEN=on: Azure Support filings carry a partner-tenant token in `x-ms-authorization-auxiliary`. */
    azureSupportAuxiliaryToken: e.AZURE_SUPPORT_AUXILIARY_TOKEN === "on",
    /** Support topics answered when Partner Center's topics endpoint is retired (SUPPORT_TOPICS_FILE), validated at start. */
    supportTopicsFile: fromRoot(root, e.SUPPORT_TOPICS_FILE),
    /** Redis for live ticket events across instances (REDIS_URL); null = in-process only. */
    redis: e.REDIS_URL === undefined ? null : { url: e.REDIS_URL, channelPrefix: e.REDIS_CHANNEL_PREFIX },
    /**
     * graphql-ws (README "Live events"): largest frame read (WS_MAX_PAYLOAD_BYTES, default 1 MiB),
     * subscriptions per socket (WS_MAX_SUBSCRIPTIONS_PER_SOCKET, 100), sockets per agent on one
     * instance (WS_MAX_SOCKETS_PER_AGENT, 10), and how old the delegated access data behind a live
     * subscription may be (LIVE_ACCESS_TTL_MS, 60 s).
     */
    liveSockets: {
      maxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
      maxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxSocketsPerAgent: e.WS_MAX_SOCKETS_PER_AGENT,
      accessTtlMs: e.LIVE_ACCESS_TTL_MS,
    },
    /** Sandbox only: seed demo tickets once at start (`npm start` turns it on). */
    demoData: e.PSG_MODE === "sandbox" && e.DEMO_DATA === "on",
    /**
     * AES-256-GCM keys sealing the agents' stored sign-ins: ASSERTION_KEY, then ASSERTION_KEYS
     * (comma separated); the first seals, every one opens (rotation: README "Stored sign-ins").
     * Required in microsoft mode; null in sandbox mode without them (a key is kept in DATA_DIR).
     */
    assertionKeys: assertionKeys(e),
    /** SIGINT/SIGTERM: everything is stopped within this bound, or the process exits 1 (SHUTDOWN_TIMEOUT_MS, default 10 s). */
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    /**
     * Signed checkpoints of the global audit chain (README "Audit trail: threat model").
     * `signingKeyFile`: the Ed25519 private key (AUDIT_SIGNING_KEY_FILE; in sandbox mode default
     * DATA_DIR/audit-signing-key.pem, created with mode 0600 when absent; null in microsoft mode
     * without it: no checkpoints). Sensitive: never logged, never stored in the database.
     * `publicKeyFile`: what `audit:verify` checks signatures with (AUDIT_PUBLIC_KEY_FILE; default
     * the public half of the signing key). `checkpointIntervalMs`: AUDIT_CHECKPOINT_INTERVAL_MS,
     * default 5 min, 0 = only on demand and at shutdown.
     */
    audit: {
      signingKeyFile: optionalPath(e.AUDIT_SIGNING_KEY_FILE) ?? (e.PSG_MODE === "sandbox" ? join(dataDir, "audit-signing-key.pem") : null),
      createSigningKey: e.PSG_MODE === "sandbox",
      publicKeyFile: optionalPath(e.AUDIT_PUBLIC_KEY_FILE) ?? null,
      checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
    },
    /** How often the SLA breach sweeper runs (SLA_SWEEP_INTERVAL_MS; default 60 s, 5 s in sandbox mode). */
    slaSweepIntervalMs: e.SLA_SWEEP_INTERVAL_MS ?? (e.PSG_MODE === "sandbox" ? 5_000 : 60_000),
    /**
     * Signed export download links (README "Exports"). `key`: EXPORT_LINK_KEY, base64 of at least
     * 32 bytes (sensitive: never logged); null = a key kept in DATA_DIR/export-link-key (one
     * instance; several instances behind one URL need the same EXPORT_LINK_KEY). `ttlSeconds`:
     * EXPORT_LINK_TTL_SECONDS (default 300). `publicBaseUrl`: PUBLIC_BASE_URL, the address links
     * start with (default: the gateway's own listening address).
     */
    exportLinks: { key: exportLinkKey(e), ttlSeconds: e.EXPORT_LINK_TTL_SECONDS, publicBaseUrl: e.PUBLIC_BASE_URL ?? null },
    /**
     * Escalation workers: whether they start with the server (ESCALATION_WORKERS), the outbox poll
     * interval, lease and retry budget (OUTBOX_*), and the status sync interval (SYNC_INTERVAL_MS,
     * default 2 s in sandbox mode and 60 s in microsoft mode).
     */
    escalation: {
      enabled: e.ESCALATION_WORKERS === "on",
      pollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS,
      syncIntervalMs: e.SYNC_INTERVAL_MS ?? (e.PSG_MODE === "sandbox" ? 2_000 : 60_000),
      leaseMs: e.OUTBOX_LEASE_MS,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      retryBaseDelayMs: e.OUTBOX_RETRY_BASE_DELAY_MS,
      retryMaxDelayMs: 15 * 60_000,
    },
    /** Alerts (issue 18): ALERTS, ALERT_WORKERS, ALERT_RULES_FILE, ALERT_SCAN_INTERVAL_MS, ALERT_* delivery settings, the sandbox sink. */
    alerts: {
      enabled: e.ALERTS === "on",
      /** Run the delivery worker and the scanner in the background (off: tests drive them). */
      workers: e.ALERT_WORKERS === "on",
      rulesFile: e.ALERT_RULES_FILE ?? null,
      scanIntervalMs: e.ALERT_SCAN_INTERVAL_MS ?? (e.PSG_MODE === "sandbox" ? 10_000 : 60_000),
      atRiskShare: e.ALERT_SLA_AT_RISK_SHARE,
      gdapExpiryDays: e.ALERT_GDAP_EXPIRY_DAYS,
      delivery: {
        pollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS,
        leaseMs: e.ALERT_DELIVERY_LEASE_MS,
        maxAttempts: e.ALERT_DELIVERY_MAX_ATTEMPTS,
        retryBaseDelayMs: e.ALERT_DELIVERY_RETRY_BASE_DELAY_MS,
        retryMaxDelayMs: Math.max(e.ALERT_DELIVERY_RETRY_MAX_DELAY_MS, e.ALERT_DELIVERY_RETRY_BASE_DELAY_MS),
        timeoutMs: e.ALERT_DELIVERY_TIMEOUT_MS,
      },
      /** Sandbox mode only: the local webhook/mail receiver every alert goes to by default. */
      sink: e.PSG_MODE === "sandbox" && e.ALERT_SINK === "on" ? { port: e.ALERT_SINK_PORT ?? (e.EMULATOR_PORT === 0 ? 0 : 4011), smtpPort: e.ALERT_SINK_SMTP_PORT ?? (e.EMULATOR_PORT === 0 ? 0 : 2525) } : null,
      /** Base of console links in payloads (PUBLIC_BASE_URL; null: the gateway's own address). */
      publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, "") ?? null,
    },
    /** Present in microsoft mode only. */
    microsoft,
  };
}

type ParsedEnv = z.infer<typeof schema>;

function exportLinkKey(e: ParsedEnv): Buffer | null {
  if (e.EXPORT_LINK_KEY === undefined) return null;
  const key = Buffer.from(e.EXPORT_LINK_KEY, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(e.EXPORT_LINK_KEY) || key.length < 32) {
    throw new ConfigError("EXPORT_LINK_KEY", "must be base64 of at least 32 random bytes (openssl rand -base64 32)");
  }
  return key;
}

/** DATABASE_URL with a relative sqlite: path resolved against the project; default DATA_DIR/psg.sqlite. */
function resolveDatabaseUrl(root: string, dataDir: string, value: string | undefined): string {
  if (value === undefined) return `sqlite:${join(dataDir, "psg.sqlite")}`;
  if (!value.startsWith("sqlite:") || value === "sqlite::memory:") return value;
  return `sqlite:${fromRoot(root, value.slice("sqlite:".length))}`;
}

function assertionKeys(e: ParsedEnv): Buffer[] | null {
  const sources = [["ASSERTION_KEY", e.ASSERTION_KEY === undefined ? [] : [e.ASSERTION_KEY]], ["ASSERTION_KEYS", listOf(e.ASSERTION_KEYS ?? "")]] as const;
  if (sources.every(([, items]) => items.length === 0)) {
    if (e.PSG_MODE === "microsoft") throw new ConfigError("ASSERTION_KEY", "is required when PSG_MODE=microsoft (32 random bytes, base64: openssl rand -base64 32)");
    return null;
  }
  const keys: Buffer[] = [];
  for (const [variable, items] of sources) {
    const parsed = parseAssertionKeys(items);
    if ("error" in parsed) throw new ConfigError(variable, parsed.error);
    keys.push(...parsed.keys);
  }
  return keys;
}

function externalEmulator(e: ParsedEnv): { url: string; caFile: string } | null {
  if (e.EMULATOR_URL === undefined && e.EMULATOR_CA_FILE === undefined) return null;
  if (e.PSG_MODE !== "sandbox") throw new ConfigError("EMULATOR_URL", "applies to PSG_MODE=sandbox only");
  if (e.EMULATOR_URL === undefined) throw new ConfigError("EMULATOR_URL", "is required with EMULATOR_CA_FILE");
  if (e.EMULATOR_CA_FILE === undefined) throw new ConfigError("EMULATOR_CA_FILE", "is required with EMULATOR_URL (the emulator's certificate)");
  return { url: e.EMULATOR_URL, caFile: e.EMULATOR_CA_FILE };
}

function microsoftSettings(e: ParsedEnv) {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const required = (name: keyof ParsedEnv, value: string | undefined): string => {
    if (value === undefined) throw new ConfigError(name, "is required when PSG_MODE=microsoft");
    return value;
  };
  const partnerTenantId = required("PARTNER_TENANT_ID", e.PARTNER_TENANT_ID);
  if (!guid.test(partnerTenantId)) throw new ConfigError("PARTNER_TENANT_ID", "must be a tenant id (GUID)");
  const clientId = required("AZURE_CLIENT_ID", e.AZURE_CLIENT_ID);
  if (e.AZURE_CLIENT_SECRET === undefined && e.AZURE_CLIENT_CERTIFICATE_PATH === undefined) {
    throw new ConfigError(
      "AZURE_CLIENT_SECRET",
      "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH is required when PSG_MODE=microsoft",
    );
  }
  return {
    partnerTenantId,
    clientId,
    /** Sensitive: never logged. */
    clientSecret: e.AZURE_CLIENT_SECRET,
    clientCertificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH,
    /** API_AUDIENCE: audiences accepted in v1.0 tokens (default `api://<client id>` and the client id); v2.0 tokens always name the client id. */
    apiAudiences: e.API_AUDIENCE === undefined ? [`api://${clientId}`, clientId] : listOf(e.API_AUDIENCE),
    /** Accepted token issuers, with `{tenantid}` (TOKEN_ISSUERS, else derived from AUTHORITY_HOST or the cloud: src/auth/entra-issuers.ts). */
    tokenIssuers: entraTokenIssuers({
      cloud: e.PSG_CLOUD,
      authorityHost: e.AUTHORITY_HOST?.replace(/\/$/, ""),
      tokenIssuers: e.TOKEN_ISSUERS === undefined ? undefined : listOf(e.TOKEN_ISSUERS),
    }),
    /** AUTHORITY_HOST: overrides the cloud's Entra ID authority (token issuer and JWKS host). */
    authorityHost: e.AUTHORITY_HOST?.replace(/\/$/, ""),
    /** GRAPH_BASE_URL / PARTNER_CENTER_BASE_URL / ARM_BASE_URL: override the cloud's API roots (ARM: Azure Support). */
    graphBaseUrl: e.GRAPH_BASE_URL,
    partnerCenterBaseUrl: e.PARTNER_CENTER_BASE_URL,
    armBaseUrl: e.ARM_BASE_URL,
    /** UPSTREAM_CA_FILE: PEM of a CA trusted for upstream, token (@azure/identity) and JWKS calls only (e.g. the emulator's certificate). */
    caFile: e.UPSTREAM_CA_FILE,
    /** JWKS_REFRESH_COOLDOWN_MS: least time between two JWKS refetches for an unknown key id. */
    jwksRefreshCooldownMs: e.JWKS_REFRESH_COOLDOWN_MS,
  };
}
