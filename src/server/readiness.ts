import { messageOf } from "../errors";

/** One dependency `/ready` checks (database, upstream identity provider, Redis, ...). */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency works; may resolve with details worth reporting (e.g. free bytes). */
  check: () => Promise<void | Record<string, unknown>>;
  /**
   * False for a dependency the instance can serve without (Redis: only live events degrade); its
   * failure makes the report `degraded`, not `not ready`. Default true.
   */
  required?: boolean;
}

export interface ReadinessCheckResult {
  ok: boolean;
  required: boolean;
  error?: string;
  [detail: string]: unknown;
}

export interface ReadinessReport {
  /** Every required dependency works (`/ready` answers 200, else 503). */
  ready: boolean;
  /** Ready, but an optional dependency is down. */
  degraded: boolean;
  checks: Record<string, ReadinessCheckResult>;
}

/** Runs every check in parallel, each bounded by `timeoutMs`, and never throws. */
export async function runReadinessChecks(checks: ReadinessCheck[], timeoutMs = 3000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check, required = true }) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const details = await Promise.race([
          check(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { ...(details ?? {}), ok: true, required }] as const;
      } catch (error) {
        return [name, { ok: false, required, error: messageOf(error) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const ready = results.every(([, result]) => result.ok || !result.required);
  return { ready, degraded: ready && results.some(([, result]) => !result.ok), checks: Object.fromEntries(results) as ReadinessReport["checks"] };
}

/** The `status` word of a report: `ready`, `degraded` or `not ready`. */
export function readinessStatus(report: ReadinessReport): "ready" | "degraded" | "not ready" {
  return !report.ready ? "not ready" : report.degraded ? "degraded" : "ready";
}
