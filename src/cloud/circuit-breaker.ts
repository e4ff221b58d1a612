import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll, type CircuitBreakerPolicy } from "cockatiel";
import { ErrorCode, isAppError, upstreamUnavailable } from "../errors";
import { decoratePorts, type PortPolicyTable } from "./port-decorator";
import type { MicrosoftCloud } from "./ports";

/** When a tenant's circuit opens and for how long. */
export interface CircuitBreakerSettings {
  /** Consecutive transient failures (timeouts, 5xx, 429) of one tenant that open its circuit (default 3). */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one trial call is let through (default 30 s). */
  openMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: Readonly<CircuitBreakerSettings> = { failureThreshold: 3, openMs: 30_000 };

/** The Microsoft APIs whose per-tenant reads a circuit guards: one circuit per upstream and customer tenant. */
export type Upstream = "graph" | "partner-center";

export type CircuitStateName = "closed" | "open" | "half-open";

/** A circuit changed state (for /metrics: psg_upstream_circuit_transitions_total). */
export interface CircuitEvent {
  upstream: Upstream;
  state: CircuitStateName;
}

interface Circuit {
  policy: CircuitBreakerPolicy;
  openedAt: number;
}

/** A failure that says the tenant's upstream is unwell, as opposed to a permanent answer (403, 404). */
const isTransientFailure = (error: unknown): boolean =>
  !isAppError(error) || error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.RATE_LIMITED;

/** A call's outcome as the breaker sees it: a permanent failure is an answer (it resets the count). */
type Answer<T> = { value: T } | { permanent: unknown };

/**
 * Per upstream and tenant circuit breakers (cockatiel's, with a consecutive-failures breaker).
 * After `failureThreshold` consecutive transient failures for one tenant, calls for that tenant
 * fail at once with UPSTREAM_UNAVAILABLE and `retryAfterSeconds` for `openMs`, so a hanging or
 * throttled tenant cannot tie up upstream connections and concurrency slots that other tenants
 * need; then one trial call decides (half-open), and calls during the trial fail at once too.
 */
export class TenantCircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    private readonly settings: CircuitBreakerSettings = DEFAULT_CIRCUIT_BREAKER,
    private readonly onEvent?: (event: CircuitEvent) => void,
  ) {}

  /** Runs `call` for `tenantId` through the circuit of `upstream` for that tenant. */
  async run<T>(tenantId: string, call: () => Promise<T>, upstream: Upstream = "partner-center"): Promise<T> {
    const circuit = this.circuit(upstream, tenantId);
    const state = this.stateOf(tenantId, upstream);
    if (state === "open" || circuit.policy.state === CircuitState.HalfOpen) {
      const retryAfterSeconds = Math.max(1, Math.ceil((circuit.openedAt + this.settings.openMs - Date.now()) / 1000));
      throw upstreamUnavailable(
        `Microsoft calls for tenant ${tenantId} are paused after repeated failures; retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    const answer = await circuit.policy.execute(async (): Promise<Answer<T>> => {
      try {
        return { value: await call() };
      } catch (error) {
        if (isTransientFailure(error)) throw error;
        return { permanent: error }; // the tenant answered: a 403 or 404 is not an outage
      }
    });
    if ("permanent" in answer) throw answer.permanent;
    return answer.value;
  }

  /** "closed", "open" or "half-open" (an open circuit whose pause is over; for tests and diagnostics). */
  stateOf(tenantId: string, upstream: Upstream = "partner-center"): CircuitStateName {
    const circuit = this.circuits.get(circuitKey(upstream, tenantId));
    if (!circuit || circuit.policy.state === CircuitState.Closed) return "closed";
    if (circuit.policy.state === CircuitState.HalfOpen) return "half-open";
    return Date.now() - circuit.openedAt < this.settings.openMs ? "open" : "half-open";
  }

  private circuit(upstream: Upstream, tenantId: string): Circuit {
    const key = circuitKey(upstream, tenantId);
    let circuit = this.circuits.get(key);
    if (!circuit) {
      const policy = circuitBreaker(handleAll, {
        halfOpenAfter: this.settings.openMs,
        breaker: new ConsecutiveBreaker(this.settings.failureThreshold),
      });
      const created: Circuit = { policy, openedAt: 0 };
      policy.onBreak(() => {
        created.openedAt = Date.now();
        this.onEvent?.({ upstream, state: "open" });
      });
      policy.onHalfOpen(() => this.onEvent?.({ upstream, state: "half-open" }));
      policy.onReset(() => this.onEvent?.({ upstream, state: "closed" }));
      this.circuits.set(key, created);
      circuit = created;
    }
    return circuit;
  }
}

const circuitKey = (upstream: Upstream, tenantId: string): string => `${upstream}|${tenantId.toLowerCase()}`;

/** Which circuit each read goes through: per-tenant reads by their upstream; partner-wide reads none. */
const CIRCUITS: PortPolicyTable<MicrosoftCloud, { upstream: Upstream; tenantId: string }> = {
  // One call for every tenant: guarded by timeouts and retries only.
  customers: { listCustomers: null, listDelegatedAccess: null },
  subscriptions: { listSubscriptions: (tenantId) => ({ upstream: "partner-center", tenantId }) },
  health: { getTenantHealth: (tenantId) => ({ upstream: "graph", tenantId }) },
  supportTopics: { listSupportTopics: null },
};

/** Decorates the per-tenant ports (subscriptions, health) with per-tenant circuit breakers. */
export function withCircuitBreaker<T extends MicrosoftCloud>(cloud: T, breakers: TenantCircuitBreakers): T {
  return decoratePorts(cloud, CIRCUITS, ({ upstream, tenantId }, call) => breakers.run(tenantId, call, upstream));
}
