import type { MicrosoftCloud } from "./ports";

/** An async port method, the only kind a port has. */
type PortMethod = (...args: never[]) => Promise<unknown>;

/**
 * One entry per method of every port of `Ports`: a function of the method's own arguments that
 * says what the decorator does for that call (`V`, e.g. a cache key or a tenant id), or `null` to
 * let the call through untouched. Every port and every method is required, so a method added to
 * a port and not given a policy here is a compile error, never a silent pass-through.
 */
export type PortPolicyTable<Ports, V> = {
  readonly [P in keyof Ports]-?: {
    readonly [M in keyof Ports[P]]-?: Ports[P][M] extends (...args: infer A) => Promise<unknown> ? ((...args: A) => V) | null : never;
  };
};

/** Runs one call under its policy: what a decorator adds around an upstream read. */
export type AroundCall<V> = <R>(policy: V, call: () => Promise<R>) => Promise<R>;

/**
 * Decorates every method of every port listed in `table` with `around`; anything else on `ports`
 * (extra handle members) passes through. The one port decorator the read pipeline is built from
 * (cache, circuit breaker, token prefetch, concurrency limit).
 */
export function decoratePorts<T extends MicrosoftCloud, V>(ports: T, table: PortPolicyTable<MicrosoftCloud, V>, around: AroundCall<V>): T {
  const decorated = { ...ports } as Record<string, unknown>;
  for (const [portName, methods] of Object.entries(table) as [keyof MicrosoftCloud, Record<string, ((...args: unknown[]) => V) | null>][]) {
    const inner = ports[portName] as unknown as Record<string, PortMethod>;
    const port: Record<string, unknown> = {};
    for (const [methodName, policyOf] of Object.entries(methods)) {
      const method = (inner[methodName] as (...args: unknown[]) => Promise<unknown>).bind(inner);
      port[methodName] = policyOf === null ? method : (...args: unknown[]) => around(policyOf(...args), () => method(...args));
    }
    decorated[portName] = port;
  }
  return decorated as T;
}
