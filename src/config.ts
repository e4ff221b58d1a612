import { z } from "zod";
import { CLOUD_NAMES, type CloudName } from "./cloud/cloud-endpoints";

/**
 * The gateway's one typed configuration, parsed once from the environment at start.
 * Every key is documented in `.env.example` and README's configuration table.
 */

const CLOUDS = CLOUD_NAMES;

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

const port = (fallback: number) =>
  z.coerce
    .number({ message: "must be a whole number from 0 to 65535" })
    .int("must be a whole number from 0 to 65535")
    .min(0, "must be a whole number from 0 to 65535")
    .max(65535, "must be a whole number from 0 to 65535")
    .default(fallback);

const positiveInt = (fallback: number, max: number) =>
  z.coerce
    .number({ message: `must be a whole number from 1 to ${max}` })
    .int(`must be a whole number from 1 to ${max}`)
    .min(1, `must be a whole number from 1 to ${max}`)
    .max(max, `must be a whole number from 1 to ${max}`)
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const databaseUrl = z
  .string()
  .trim()
  .default("sqlite:data/psg.sqlite")
  .refine((value) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(value), {
    message: "must be sqlite:PATH, sqlite::memory: or postgres://user@host:port/database",
  });

const vehicles = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): VehicleEntitlement[] | undefined => {
    if (value === undefined || value === "") return undefined;
    const result: VehicleEntitlement[] = [];
    for (const item of value.split(",").map((part) => part.trim()).filter(Boolean)) {
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

const schema = z.object({
  PSG_MODE: z.enum(["sandbox", "microsoft"], { message: "must be sandbox or microsoft" }).default("sandbox"),
  PSG_CLOUD: z.enum(CLOUDS, { message: `must be one of ${CLOUDS.join(", ")}` }).default("public"),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PORT: port(4000),
  DATA_DIR: z.string().trim().min(1).default("data"),
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  CORS_ORIGINS: z.string().trim().default("http://localhost:3000,http://localhost:5173"),
  EMULATOR_PORT: port(4010),
  EMULATOR_TENANTS: positiveInt(25, 5000),
  EMULATOR_SEED: z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").default(42),
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000, 600_000),
  UPSTREAM_MAX_RETRIES: z.coerce.number({ message: "must be a whole number from 0 to 10" }).int().min(0).max(10).default(3),
  UPSTREAM_RETRY_BASE_DELAY_MS: positiveInt(500, 60_000),
  PARTNER_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  API_AUDIENCE: optionalText,
  PARTNER_SUPPORT_VEHICLES: vehicles,
});

export interface Config {
  mode: "sandbox" | "microsoft";
  cloud: CloudName;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  corsOrigins: string[];
  emulator: { port: number; tenants: number; seed: number };
  upstream: { timeoutMs: number; maxRetries: number; retryBaseDelayMs: number };
  /** Technical support vehicles the partner is entitled to (COMMERCIAL is always entitled). */
  supportVehicles: VehicleEntitlement[];
  /** Present in microsoft mode only. */
  microsoft: {
    partnerTenantId: string;
    clientId: string;
    /** Sensitive: never logged. */
    clientSecret: string | undefined;
    clientCertificatePath: string | undefined;
    apiAudience: string;
  } | null;
}

/** The sandbox partner's entitlements (ARCHITECTURE.md "Sandbox partner profile"). */
export const SANDBOX_SUPPORT_VEHICLES: VehicleEntitlement[] = [
  { vehicle: "ADVANCED_SUPPORT_FOR_PARTNERS", reference: "ASfP-SANDBOX-0001" },
];

/**
 * Parses the environment into a Config. Throws ConfigError naming the first bad variable,
 * so `main` can print one line and exit non-zero.
 */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const raw = env[variable];
    throw new ConfigError(variable, `${issue.message}${raw === undefined ? "" : ` (got "${raw}")`}`);
  }
  const e = result.data;
  const microsoft = e.PSG_MODE === "microsoft" ? microsoftSettings(e) : null;
  return {
    mode: e.PSG_MODE,
    cloud: e.PSG_CLOUD,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS.split(",").map((origin) => origin.trim()).filter(Boolean),
    emulator: { port: e.EMULATOR_PORT, tenants: e.EMULATOR_TENANTS, seed: e.EMULATOR_SEED },
    upstream: {
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      maxRetries: e.UPSTREAM_MAX_RETRIES,
      retryBaseDelayMs: e.UPSTREAM_RETRY_BASE_DELAY_MS,
    },
    supportVehicles: e.PARTNER_SUPPORT_VEHICLES ?? (e.PSG_MODE === "sandbox" ? SANDBOX_SUPPORT_VEHICLES : []),
    microsoft,
  };
}

type ParsedEnv = z.infer<typeof schema>;

function microsoftSettings(e: ParsedEnv): NonNullable<Config["microsoft"]> {
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
    clientSecret: e.AZURE_CLIENT_SECRET,
    clientCertificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH,
    apiAudience: e.API_AUDIENCE ?? `api://${clientId}`,
  };
}
