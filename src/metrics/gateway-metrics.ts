import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { CacheOutcome } from "../cloud/cache";
import type { UpstreamCall } from "../cloud/upstream-call.observer";

/** Distinct operation names kept as labels; later new names are counted as "other". */
const MAX_OPERATION_LABELS = 200;

/**
 * The gateway's Prometheus metrics in their own registry (several gateways can share one
 * process in tests). Served as text at `GET /metrics`.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requestDuration: Histogram<"operation" | "type" | "outcome">;
  private readonly upstreamCalls: Counter<"upstream" | "route" | "method" | "status">;
  private readonly cacheLookups: Counter<"resource" | "outcome">;
  private readonly transitions: Counter<"event" | "to_state">;

  constructor(options: { outboxDepth?: () => Promise<number>; defaultMetrics?: boolean } = {}) {
    this.requestDuration = new Histogram({
      name: "psg_graphql_request_duration_seconds",
      help: "GraphQL operations by name, type and outcome (ok or error)",
      labelNames: ["operation", "type", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.upstreamCalls = new Counter({
      name: "psg_upstream_calls_total",
      help: "HTTP calls to Microsoft (Graph, Partner Center, identity) by route and status; a $batch is one call",
      labelNames: ["upstream", "route", "method", "status"],
      registers: [this.registry],
    });
    this.cacheLookups = new Counter({
      name: "psg_cache_lookups_total",
      help: "Upstream read cache lookups by resource and outcome (hit, stale, miss, coalesced)",
      labelNames: ["resource", "outcome"],
      registers: [this.registry],
    });
    this.transitions = new Counter({
      name: "psg_ticket_transitions_total",
      help: "Accepted ticket transitions by event and resulting top-level state",
      labelNames: ["event", "to_state"],
      registers: [this.registry],
    });
    const outboxDepth = options.outboxDepth;
    new Gauge({
      name: "psg_outbox_depth",
      help: "Outbox jobs not yet done (pending or leased), read at scrape time",
      registers: [this.registry],
      async collect() {
        if (outboxDepth) this.set(await outboxDepth());
      },
    });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "psg_" });
  }

  observeRequest(operation: string | undefined, type: string, outcome: "ok" | "error", seconds: number): void {
    this.requestDuration.observe({ operation: this.operationLabel(operation), type, outcome }, seconds);
  }

  countUpstreamCall(call: UpstreamCall): void {
    this.upstreamCalls.inc({ upstream: call.upstream, route: call.route, method: call.method, status: String(call.status) });
  }

  countCacheLookup(resource: string, outcome: CacheOutcome): void {
    this.cacheLookups.inc({ resource, outcome });
  }

  countTransition(event: string, toState: string): void {
    this.transitions.inc({ event, to_state: toState });
  }

  /** The Prometheus text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private operationLabel(operation: string | undefined): string {
    const name = operation && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(operation) ? operation : "anonymous";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return "other";
    this.operations.add(name);
    return name;
  }
}
