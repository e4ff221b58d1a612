import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { CacheOutcome } from "../cloud/cache";
import type { CircuitEvent } from "../cloud/circuit-breaker";
import type { UpstreamCall } from "../cloud/upstream-call.observer";
import type { RefresherStatus } from "../cloud/refresher/read-refresher";
import type { SharedReadStoreStatus } from "../cloud/shared-read-store";

/** Distinct operation names kept as labels; later new names are counted as "other". */
const MAX_OPERATION_LABELS = 200;

/**
 * The gateway's Prometheus metrics in their own registry (several gateways can share one
 * process in tests). Served as text at `GET /metrics`.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requestDuration = new Histogram({
    name: "psg_graphql_request_duration_seconds",
    help: "GraphQL operations by name, type and outcome (ok or error)",
    labelNames: ["operation", "type", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly upstreamCalls = this.counter(
    "psg_upstream_calls_total",
    "HTTP calls to Microsoft (Graph, Partner Center, identity) by route and status; a $batch is one call",
    ["upstream", "route", "method", "status"],
  );
  private readonly cacheLookups = this.counter(
    "psg_cache_lookups_total",
    "Upstream read cache lookups by resource and outcome (hit, stale, miss, coalesced)",
    ["resource", "outcome"],
  );
  private readonly circuitTransitions = this.counter(
    "psg_upstream_circuit_transitions_total",
    "Per-tenant upstream circuit breaker transitions by upstream (graph, partner-center) and new state (open, half-open, closed)",
    ["upstream", "state"],
  );
  private readonly transitions = this.counter(
    "psg_ticket_transitions_total",
    "Accepted ticket transitions by event and resulting top-level state",
    ["event", "to_state"],
  );
  // graphql-ws (issue 13): what the socket door lets in and refuses, by the same codes as HTTP.
  private readonly wsConnections = this.counter(
    "psg_ws_connections_total",
    "WebSocket connection_init outcomes: accepted, unauthenticated, too_many_sockets",
    ["outcome"],
  );
  private readonly wsCloses = this.counter(
    "psg_ws_closes_total",
    "Closed WebSockets by close code (4403 token invalid or expired, 1009 frame too large, 1013 too many sockets, 1000/1001 normal)",
    ["code"],
  );
  private readonly wsOperations = this.counter(
    "psg_ws_operations_total",
    "Operations sent over WebSocket by name, type and outcome (ok, or the error code that refused or ended it)",
    ["operation", "type", "outcome"],
  );
  private readonly wsMessages = this.counter("psg_ws_messages_sent_total", "graphql-ws messages sent to clients by type (next, error)", ["type"]);
  private readonly wsSocketErrors = this.counter(
    "psg_ws_socket_errors_total",
    "Socket-level refusals by ws error code (WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: a frame over WS_MAX_PAYLOAD_BYTES)",
    ["code"],
  );
  private readonly wsOpenSockets = new Gauge({ name: "psg_ws_open_sockets", help: "Authenticated WebSockets open now", registers: [this.registry] });
  private readonly wsActiveSubscriptions = new Gauge({
    name: "psg_ws_active_subscriptions",
    help: "Live subscriptions running now, over all sockets",
    registers: [this.registry],
  });

  constructor(options: { outboxDepth: () => Promise<number>; alertDeliveryDepth: () => Promise<number> }) {
    this.scrapedGauge("psg_outbox_depth", "Outbox jobs not yet done (pending or leased), read at scrape time", options.outboxDepth);
    // The alerts' own outbox (alert_delivery, one row per alert and destination), beside the escalation's.
    this.scrapedGauge(
      "psg_alert_delivery_depth",
      "Alert deliveries not yet done (pending: waiting for an attempt or a retry, or leased), read at scrape time",
      options.alertDeliveryDepth,
    );
    collectDefaultMetrics({ register: this.registry, prefix: "psg_" });
  }

  /**
   * The background refresher's progress and lag, read at scrape time (issue 19), and with several
   * instances whether this one holds the refresher lease.
   */
  observeRefresher(status: () => RefresherStatus, leaseHeld?: () => boolean): void {
    const gauge = (name: string, help: string, value: (s: RefresherStatus) => number) =>
      this.scrapedGauge(name, help, () => value(status()));
    gauge("psg_refresher_tenants", "Customer tenants the background refresher knows", (s) => s.tenants);
    gauge("psg_refresher_tenants_covered", "Tenants whose health and subscriptions are within their TTL in the read cache", (s) => s.covered);
    gauge("psg_refresher_oldest_entry_age_seconds", "Age of the oldest per-tenant read cache entry", (s) => s.oldestEntryAgeSeconds);
    gauge("psg_refresher_calls_per_minute", "Upstream reads the refresher started in the last 60 seconds", (s) => s.callsLastMinute);
    gauge("psg_refresher_first_pass_seconds", "Time the refresher took to cover every tenant once (0 until then)", (s) => (s.firstPassMs ?? 0) / 1000);
    gauge("psg_refresher_failures", "Refreshes that failed since start", (s) => s.failures);
    gauge("psg_refresher_shared_adoptions", "Refreshes answered by the shared read cache (another instance's read) instead of upstream", (s) => s.sharedAdoptions);
    gauge("psg_refresher_running", "1 while this instance's refresher runs (with several instances: while it holds the lease)", (s) => (s.running ? 1 : 0));
    if (leaseHeld) gauge("psg_refresher_lease_held", "1 while this instance holds the refresher lease in Redis", () => (leaseHeld() ? 1 : 0));
  }

  /** Response cache lookups (RESPONSE_CACHE): hit, miss, or skip (an operation it never caches). */
  observeResponseCache(): (outcome: string) => void {
    const counter = this.counter(
      "psg_response_cache_lookups_total",
      "Server-side response cache lookups by outcome (hit, miss, skip: not a cacheable operation)",
      ["outcome"],
    );
    return (outcome) => counter.inc({ outcome });
  }

  /** The read cache shared through Redis (issue 19): 0 while it cannot be reached, and its lookups. */
  observeSharedReadCache(status: () => SharedReadStoreStatus): void {
    this.scrapedGauge(
      "psg_read_cache_shared_up",
      "1 while the shared read cache (Redis) answers; 0: reads are served from this instance's memory and upstream",
      () => (status().up ? 1 : 0),
    );
    new Gauge({
      name: "psg_read_cache_shared_operations",
      help: "Shared read cache operations since start by outcome (hit, miss, write, error)",
      labelNames: ["outcome"],
      registers: [this.registry],
      collect() {
        const s = status();
        this.set({ outcome: "hit" }, s.hits);
        this.set({ outcome: "miss" }, s.misses);
        this.set({ outcome: "write" }, s.writes);
        this.set({ outcome: "error" }, s.errors);
      },
    });
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

  countCircuitEvent(event: CircuitEvent): void {
    this.circuitTransitions.inc({ upstream: event.upstream, state: event.state });
  }

  countTransition(event: string, toState: string): void {
    this.transitions.inc({ event, to_state: toState });
  }

  countWsConnection(outcome: "accepted" | "unauthenticated" | "too_many_sockets"): void {
    this.wsConnections.inc({ outcome });
  }

  /** A socket closed; `authenticated` sockets leave the open-sockets gauge. */
  countWsClose(code: number, authenticated: boolean): void {
    this.wsCloses.inc({ code: String(code) });
    if (authenticated) this.wsOpenSockets.dec();
  }

  wsSocketOpened(): void {
    this.wsOpenSockets.inc();
  }

  countWsOperation(operation: string | undefined, type: string, outcome: string): void {
    this.wsOperations.inc({ operation: this.operationLabel(operation), type, outcome });
  }

  countWsMessage(type: "next" | "error"): void {
    this.wsMessages.inc({ type });
  }

  /** ws's own error codes (a closed set: WS_ERR_*); anything else is counted as "other". */
  countWsSocketError(code: string | undefined): void {
    this.wsSocketErrors.inc({ code: code !== undefined && /^WS_ERR_[A-Z_]{1,60}$/.test(code) ? code : "other" });
  }

  wsSubscriptionStarted(): void {
    this.wsActiveSubscriptions.inc();
  }

  wsSubscriptionEnded(): void {
    this.wsActiveSubscriptions.dec();
  }

  /** The Prometheus text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** A gauge whose value is read at scrape time. */
  private scrapedGauge(name: string, help: string, read: () => number | Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private operationLabel(operation: string | undefined): string {
    const name = operation && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(operation) ? operation : "anonymous";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return "other";
    this.operations.add(name);
    return name;
  }
}
