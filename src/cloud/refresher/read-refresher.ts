import { cacheKey, type CachePolicy, type ReadCache, type RefreshSource } from "../cache";
import type { CloudCachePolicies } from "../cached-cloud";
import type { MicrosoftCloud } from "../ports";
import { TokenBucket, tryTakeAll } from "./token-bucket";

/** N requests per window, as Microsoft documents a limit. */
export interface PaceRule {
  limit: number;
  windowMs: number;
}

/**
 * The limits the refresher paces under (a token bucket per rule and key). Defaults are
 * Microsoft's documented figures (README "Throttling the emulator enforces") times
 * `DEFAULT_HEADROOM`, leaving room for on-demand reads.
 */
export interface RefresherPacing {
  /** Graph service communications, per customer tenant (health + incidents). */
  serviceCommunicationsPerTenant: readonly PaceRule[];
  /** Graph GDAP, on the partner's tenant (relationship pages). */
  gdap: readonly PaceRule[];
  /** Partner Center customers/subscriptions, per tenant id. */
  partnerCenterPerTenant: readonly PaceRule[];
  /** Whose tenant id the Partner Center limit counts against (the docs do not say; default "customer"). */
  partnerCenterScope: "customer" | "partner";
  /** The refresher's own ceiling over all its calls (REFRESHER_CALLS_PER_MINUTE). */
  callsPerMinute: number;
  /** Reads in flight at most (REFRESHER_CONCURRENCY). */
  maxInFlight: number;
}

const DEFAULT_HEADROOM = 0.8;
const scaled = (rules: PaceRule[]): PaceRule[] => rules.map((r) => ({ limit: Math.max(1, Math.floor(r.limit * DEFAULT_HEADROOM)), windowMs: r.windowMs }));

export const DEFAULT_REFRESHER_PACING: RefresherPacing = {
  serviceCommunicationsPerTenant: scaled([
    { limit: 240, windowMs: 60_000 },
    { limit: 800, windowMs: 3_600_000 },
  ]),
  gdap: scaled([{ limit: 1_000, windowMs: 20_000 }]),
  partnerCenterPerTenant: scaled([{ limit: 500, windowMs: 60_000 }]),
  partnerCenterScope: "customer",
  callsPerMinute: 12_000,
  maxInFlight: 48,
};

export interface ReadRefresherOptions {
  /** The ports below the read cache (a refresh must reach upstream, never the cache itself). */
  upstream: MicrosoftCloud;
  /** The cache the dashboard's ports read, and its policies (same keys, same TTLs). */
  cache: ReadCache;
  policies: CloudCachePolicies;
  pacing?: RefresherPacing;
  /** An entry is refreshed once this fraction of its TTL has passed (default 0.75), so it never expires. */
  refreshAtFraction?: number;
  /** How often due work is looked for (default 200 ms). */
  tickMs?: number;
  /** Customer tenants with open tickets (read every `priorityEveryMs`); refreshed first. */
  openTicketTenants?: () => Promise<Iterable<string>>;
  priorityEveryMs?: number;
  /** How long a viewed tenant stays first in line (default 10 minutes). */
  recentViewMs?: number;
  /** Tenants other instances' dashboards read, with when (several instances; read every `priorityEveryMs`). */
  viewedElsewhere?: () => Promise<ReadonlyMap<string, number>>;
  now?: () => number;
  onError?: (key: string, error: unknown) => void;
}

/** Progress and lag (GET /metrics, /ready). */
export interface RefresherStatus {
  running: boolean;
  /** Customer tenants known from the (refreshed) customer list. */
  tenants: number;
  /** Tenants whose health and subscriptions are both within their TTL. */
  covered: number;
  /** Age of the oldest per-tenant entry, in seconds (0 when none is read yet). */
  oldestEntryAgeSeconds: number;
  /** Upstream calls the refresher started in the last 60 seconds. */
  callsLastMinute: number;
  /** Milliseconds from start until every tenant was covered once, or null until then. */
  firstPassMs: number | null;
  /** Refreshes that failed since start. */
  failures: number;
  /** Refreshes answered by the shared store (another instance had just read them) instead of upstream. */
  sharedAdoptions: number;
}

type TenantResource = "health" | "subscriptions";
const TENANT_RESOURCES: readonly TenantResource[] = ["health", "subscriptions"];

interface Task {
  key: string;
  dueAt: number;
  priority: boolean;
  policy: CachePolicy;
  buckets: TokenBucket[];
  load: () => Promise<unknown>;
}

/**
 * Keeps every customer tenant's health (with incidents), subscriptions, the customer list and
 * the GDAP relationships within their TTLs, by reading them upstream before they expire and
 * writing the answers into the read cache the ports read: a dashboard read for a covered tenant
 * is a cache hit and never waits on upstream. Paced by token buckets under each documented
 * limit; tenants with open tickets and recently viewed ones go first.
 */
export class ReadRefresher {
  private readonly upstream: MicrosoftCloud;
  private readonly cache: ReadCache;
  private readonly policies: CloudCachePolicies;
  private readonly pacing: RefresherPacing;
  private readonly fraction: number;
  private readonly tickMs: number;
  private readonly now: () => number;
  private readonly recentViewMs: number;
  private readonly global: TokenBucket;
  private readonly gdap: TokenBucket[];
  private readonly perTenant = new Map<string, { graph: TokenBucket[]; partnerCenter: TokenBucket[] }>();
  private readonly partnerCenterPartner: TokenBucket[];
  private readonly inFlight = new Set<string>();
  private readonly backoffUntil = new Map<string, { until: number; attempts: number }>();
  private readonly viewedAt = new Map<string, number>();
  /** Each tenant's cache keys, built once (a tick looks at every tenant). */
  private readonly tenantKeys = new Map<string, { health: string; subscriptions: string }>();
  private openTickets = new Set<string>();
  private tenants: string[] = [];
  private readonly callTimes: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private priorityTimer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private firstPassMs: number | null = null;
  private failures = 0;
  private sharedAdoptions = 0;
  private ticking = false;

  constructor(private readonly options: ReadRefresherOptions) {
    this.upstream = options.upstream;
    this.cache = options.cache;
    this.policies = options.policies;
    this.pacing = options.pacing ?? DEFAULT_REFRESHER_PACING;
    this.fraction = options.refreshAtFraction ?? 0.75;
    if (!(this.fraction > 0 && this.fraction <= 1)) throw new RangeError("refreshAtFraction must be in (0, 1]");
    this.tickMs = options.tickMs ?? 200;
    this.now = options.now ?? Date.now;
    this.recentViewMs = options.recentViewMs ?? 600_000;
    this.global = TokenBucket.perWindow(this.pacing.callsPerMinute, 60_000, this.now, Math.max(1, Math.ceil(this.pacing.callsPerMinute / 60)));
    this.gdap = this.buckets(this.pacing.gdap);
    this.partnerCenterPartner = this.buckets(this.pacing.partnerCenterPerTenant);
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.startedAt = this.now();
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    const readPriority = () => {
      this.options.openTicketTenants?.().then(
        (ids) => (this.openTickets = new Set([...ids].map((id) => id.toLowerCase()))),
        (error: unknown) => this.options.onError?.("openTicketTenants", error),
      );
      this.options.viewedElsewhere?.().then(
        (views) => {
          for (const [tenant, at] of views) if (at > (this.viewedAt.get(tenant) ?? 0)) this.viewedAt.set(tenant, at);
        },
        (error: unknown) => this.options.onError?.("viewedElsewhere", error),
      );
    };
    readPriority();
    this.priorityTimer = setInterval(readPriority, this.options.priorityEveryMs ?? 30_000);
    this.priorityTimer.unref();
    void this.tick();
  }

  /** Stops looking for work; reads in flight finish on their own. */
  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.priorityTimer);
    this.timer = undefined;
    this.priorityTimer = undefined;
  }

  /** A tenant a dashboard just read: it goes first for `recentViewMs`. */
  noteViewed(tenantId: string): void {
    this.viewedAt.set(tenantId.toLowerCase(), this.now());
  }

  /** True when the tenant's health and subscriptions are fresh in the cache (a read will not wait). */
  covers(tenantId: string): boolean {
    const now = this.now();
    return TENANT_RESOURCES.every((resource) => {
      const entry = this.cache.freshness(cacheKey(resource, tenantId));
      return entry !== undefined && now < entry.freshUntil;
    });
  }

  status(): RefresherStatus {
    const now = this.now();
    let covered = 0;
    let oldest = 0;
    for (const tenant of this.tenants) {
      let fresh = true;
      for (const resource of TENANT_RESOURCES) {
        const entry = this.cache.freshness(cacheKey(resource, tenant));
        if (!entry || now >= entry.freshUntil) fresh = false;
        if (entry) oldest = Math.max(oldest, now - entry.readAt);
      }
      if (fresh) covered += 1;
    }
    this.trimCalls(now);
    // The first full coverage is recorded wherever it is first seen, so a status that reports every
    // tenant covered also reports how long that took (the next tick would otherwise set it later).
    if (this.firstPassMs === null && this.tenants.length > 0 && covered === this.tenants.length) this.firstPassMs = now - this.startedAt;
    return {
      running: this.running,
      tenants: this.tenants.length,
      covered,
      oldestEntryAgeSeconds: Math.round(oldest / 100) / 10,
      callsLastMinute: this.callTimes.length,
      firstPassMs: this.firstPassMs,
      failures: this.failures,
      sharedAdoptions: this.sharedAdoptions,
    };
  }

  /** One scheduling round: reads due work in priority order while the buckets allow. Exposed for tests. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.refreshTenantList();
      const now = this.now();
      const tasks = this.dueTasks(now);
      for (const task of tasks) {
        if (this.inFlight.size >= this.pacing.maxInFlight) break;
        if (this.global.waitMs() > 0) break;
        if (!tryTakeAll(task.buckets)) continue;
        this.global.tryTake();
        this.run(task);
      }
      if (this.firstPassMs === null && this.tenants.length > 0 && this.tenants.every((t) => this.covers(t))) {
        this.firstPassMs = now - this.startedAt;
      }
    } finally {
      this.ticking = false;
    }
  }

  private async refreshTenantList(): Promise<void> {
    const key = cacheKey("customers", "partner");
    const entry = this.cache.freshness(key);
    if (entry && !entry.failed && this.tenants.length > 0 && this.now() < entry.readAt + (entry.freshUntil - entry.readAt) * this.fraction) return;
    if (this.inFlight.has(key) || this.inBackoff(key, this.now())) return;
    this.inFlight.add(key);
    try {
      this.counted(await this.cache.refresh(key, this.policies.directory, () => this.upstream.customers.listCustomers(), this.adoption(this.policies.directory)));
      this.backoffUntil.delete(key);
      // The refreshed list is in the cache; read it back through the same key.
      const customers = await this.cache.get(key, this.policies.directory, () => this.upstream.customers.listCustomers());
      this.tenants = customers.map((c) => c.id.toLowerCase());
    } catch (error) {
      this.countCall();
      this.fail(key, error);
    } finally {
      this.inFlight.delete(key);
    }
  }

  private dueTasks(now: number): Task[] {
    const tasks: Task[] = [];
    const gdapKey = cacheKey("delegatedAccess", "partner");
    this.addIfDue(tasks, now, gdapKey, this.policies.directory, true, this.gdap, () => this.upstream.customers.listDelegatedAccess());
    for (const tenant of this.tenants) {
      const viewed = this.viewedAt.get(tenant);
      const priority = this.openTickets.has(tenant) || (viewed !== undefined && now - viewed < this.recentViewMs);
      const keys = this.keysOf(tenant);
      const buckets = this.tenantBuckets(tenant);
      this.addIfDue(tasks, now, keys.health, this.policies.health, priority, buckets.graph, () => this.upstream.health.getTenantHealth(tenant));
      this.addIfDue(tasks, now, keys.subscriptions, this.policies.subscriptions, priority, this.pacing.partnerCenterScope === "partner" ? this.partnerCenterPartner : buckets.partnerCenter, () =>
        this.upstream.subscriptions.listSubscriptions(tenant),
      );
    }
    // First in line: priority tenants, then whatever expires soonest (never read = due at 0).
    return tasks.sort((a, b) => (a.priority === b.priority ? a.dueAt - b.dueAt : a.priority ? -1 : 1));
  }

  private addIfDue(tasks: Task[], now: number, key: string, policy: CachePolicy, priority: boolean, buckets: TokenBucket[], load: () => Promise<unknown>): void {
    if (this.inFlight.has(key) || this.inBackoff(key, now)) return;
    const entry = this.cache.freshness(key);
    const dueAt = entry ? entry.readAt + (entry.freshUntil - entry.readAt) * this.fraction : 0;
    if (now < dueAt) return;
    tasks.push({ key, dueAt, priority, policy, buckets, load });
  }

  private keysOf(tenant: string): { health: string; subscriptions: string } {
    let keys = this.tenantKeys.get(tenant);
    if (keys === undefined) {
      keys = { health: cacheKey("health", tenant), subscriptions: cacheKey("subscriptions", tenant) };
      this.tenantKeys.set(tenant, keys);
    }
    return keys;
  }

  private run(task: Task): void {
    this.inFlight.add(task.key);
    this.cache
      .refresh(task.key, task.policy, task.load, this.adoption(task.policy))
      .then(
        (source) => {
          this.counted(source);
          this.backoffUntil.delete(task.key);
        },
        (error: unknown) => {
          this.countCall();
          this.fail(task.key, error);
        },
      )
      .finally(() => this.inFlight.delete(task.key));
  }

  /**
   * With a shared store (several instances), a refresh first takes what another instance read no
   * longer ago than this instance would have waited to re-read it: after a lease handover the new
   * holder adopts the old holder's reads instead of reading every tenant upstream again.
   */
  private adoption(policy: CachePolicy): { adoptSharedReadAfter?: number } {
    return this.cache.sharedStore ? { adoptSharedReadAfter: this.now() - policy.ttlMs * this.fraction } : {};
  }

  /** Counts an upstream call only when the refresh made one. */
  private counted(source: RefreshSource): void {
    if (source === "upstream") this.countCall();
    else if (source === "shared") this.sharedAdoptions += 1;
  }

  /** A failed refresh waits (Retry-After when upstream sent one, else 1 s doubling to 60 s) before its key is tried again. */
  private fail(key: string, error: unknown): void {
    this.failures += 1;
    this.options.onError?.(key, error);
    const attempts = (this.backoffUntil.get(key)?.attempts ?? 0) + 1;
    const retryAfterSeconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    const waitMs = typeof retryAfterSeconds === "number" ? retryAfterSeconds * 1000 : Math.min(60_000, 1000 * 2 ** (attempts - 1));
    this.backoffUntil.set(key, { until: this.now() + waitMs, attempts });
  }

  private inBackoff(key: string, now: number): boolean {
    const backoff = this.backoffUntil.get(key);
    return backoff !== undefined && now < backoff.until;
  }

  private tenantBuckets(tenant: string): { graph: TokenBucket[]; partnerCenter: TokenBucket[] } {
    let buckets = this.perTenant.get(tenant);
    if (!buckets) {
      buckets = { graph: this.buckets(this.pacing.serviceCommunicationsPerTenant), partnerCenter: this.buckets(this.pacing.partnerCenterPerTenant) };
      this.perTenant.set(tenant, buckets);
    }
    return buckets;
  }

  private buckets(rules: readonly PaceRule[]): TokenBucket[] {
    // A small burst: the refresher's calls spread over the window instead of leading it.
    return rules.map((rule) => TokenBucket.perWindow(rule.limit, rule.windowMs, this.now, Math.max(1, Math.ceil(rule.limit / 10))));
  }

  private countCall(): void {
    const now = this.now();
    this.callTimes.push(now);
    this.trimCalls(now);
  }

  private trimCalls(now: number): void {
    let drop = 0;
    while (drop < this.callTimes.length && (this.callTimes[drop] as number) <= now - 60_000) drop += 1;
    if (drop > 0) this.callTimes.splice(0, drop);
  }
}
