import { isAppError, upstreamUnavailable } from "../errors";
import { ErrorCode } from "../errors/error-code";
import type { MicrosoftCloud } from "./ports";

/** When a tenant's circuit opens and for how long. */
export interface CircuitBreakerSettings {
  /** Consecutive transient failures (timeouts, 5xx, 429) of one tenant that open its circuit (default 3). */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one trial call is let through (default 30 s). */
  openMs: number;
  /** Injected clock for tests. */
  now?: () => number;
}

export const DEFAULT_CIRCUIT_BREAKER: Readonly<CircuitBreakerSettings> = { failureThreshold: 3, openMs: 30_000 };

type CircuitState = { failures: number; openUntil: number; trialInFlight: boolean };

/** A failure that says the tenant's upstream is unwell, as opposed to a permanent answer (403, 404). */
const isTransientFailure = (error: unknown): boolean =>
  !isAppError(error) || error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.RATE_LIMITED;

/**
 * Per-tenant circuit breakers. After `failureThreshold` consecutive transient failures for one
 * tenant, calls for that tenant fail at once with UPSTREAM_UNAVAILABLE and `retryAfterSeconds`
 * for `openMs`, so a hanging or throttled tenant cannot tie up upstream connections and
 * concurrency slots that other tenants need; then one trial call decides (half-open).
 */
export class TenantCircuitBreakers {
  private readonly circuits = new Map<string, CircuitState>();
  private readonly now: () => number;

  constructor(private readonly settings: CircuitBreakerSettings = DEFAULT_CIRCUIT_BREAKER) {
    this.now = settings.now ?? Date.now;
  }

  /** Runs `call` for `tenantId` through its circuit. */
  async run<T>(tenantId: string, call: () => Promise<T>): Promise<T> {
    const circuit = this.circuits.get(tenantId) ?? { failures: 0, openUntil: 0, trialInFlight: false };
    this.circuits.set(tenantId, circuit);
    const now = this.now();
    const open = circuit.failures >= this.settings.failureThreshold;
    if (open && (now < circuit.openUntil || circuit.trialInFlight)) {
      const retryAfterSeconds = Math.max(1, Math.ceil((circuit.openUntil - now) / 1000));
      throw upstreamUnavailable(
        `Microsoft calls for tenant ${tenantId} are paused after repeated failures; retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    if (open) circuit.trialInFlight = true; // half-open: this call is the trial
    try {
      const result = await call();
      circuit.failures = 0;
      return result;
    } catch (error) {
      if (isTransientFailure(error)) {
        circuit.failures += 1;
        if (circuit.failures >= this.settings.failureThreshold) circuit.openUntil = this.now() + this.settings.openMs;
      } else {
        circuit.failures = 0; // the tenant answered: a 403 or 404 is not an outage
      }
      throw error;
    } finally {
      if (open) circuit.trialInFlight = false;
    }
  }

  /** "closed", "open" or "half-open" (for tests and diagnostics). */
  stateOf(tenantId: string): "closed" | "open" | "half-open" {
    const circuit = this.circuits.get(tenantId);
    if (!circuit || circuit.failures < this.settings.failureThreshold) return "closed";
    return this.now() < circuit.openUntil ? "open" : "half-open";
  }
}

/**
 * Decorates the per-tenant ports (subscriptions, health) with per-tenant circuit breakers. The
 * partner-wide reads (customer list, GDAP, support topics) pass through: they are one call for
 * every tenant, guarded by timeouts and retries only.
 */
export function withCircuitBreaker<T extends MicrosoftCloud>(cloud: T, breakers: TenantCircuitBreakers): T {
  return {
    ...cloud,
    subscriptions: {
      listSubscriptions: (tenantId: string) => breakers.run(tenantId, () => cloud.subscriptions.listSubscriptions(tenantId)),
    },
    health: {
      getTenantHealth: (tenantId: string) => breakers.run(tenantId, () => cloud.health.getTenantHealth(tenantId)),
    },
  };
}
