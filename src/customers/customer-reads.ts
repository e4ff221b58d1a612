import DataLoader from "dataloader";
import type {
  CustomerSubscription,
  DelegatedAccess,
  PartnerCustomer,
  ServiceIncident,
  SupportTopic,
  TenantHealth,
} from "../cloud/cloud-types";
import type { MicrosoftCloud } from "../cloud/ports";
import type { UpstreamDeadline } from "../cloud/upstream-deadline";
import { AppError, forbidden, isAppError, notFound } from "../errors";
import { hasUsableAccess, noDelegatedAccess } from "./delegated-access-policy";

/**
 * The read model of one GraphQL request: every upstream read is made at most once per request
 * (memoised lists, DataLoaders per tenant), and failures stay per tenant so that one customer's
 * upstream error never fails another customer's fields.
 */
export class CustomerReads {
  private customers?: Promise<PartnerCustomer[]>;
  private access?: Promise<Map<string, DelegatedAccess>>;
  /** The GDAP map once read: a tenant's access is then checked without a promise (a board checks 5,000). */
  private accessRead?: Map<string, DelegatedAccess>;
  private topics?: Promise<SupportTopic[]>;
  // One GDAP check per tenant per request: a rejected tenant's four dashboard fields share one
  // FORBIDDEN error, so its stack is built and formatted once, not per field.
  private readonly accessChecks = new Map<string, Promise<void>>();
  private readonly subscriptionLoader: DataLoader<string, CustomerSubscription[]>;
  private readonly healthLoader: DataLoader<string, TenantHealth>;

  constructor(
    private readonly cloud: MicrosoftCloud,
    /** The signed-in agent's bearer token, for App+User reads (support topics). Never logged. */
    private readonly assertion?: string,
    /**
     * The request's upstream time budget (UPSTREAM_REQUEST_BUDGET_MS), shared by every read below:
     * a read still running when it is spent answers UPSTREAM_UNAVAILABLE for its own fields only.
     * None (WebSocket subscriptions, background work): per-attempt timeouts and retries only.
     */
    private readonly deadline?: UpstreamDeadline,
  ) {
    this.subscriptionLoader = new DataLoader((ids) => this.settleEach(ids, (id) => cloud.subscriptions.listSubscriptions(id)));
    this.healthLoader = new DataLoader((ids) => this.settleEach(ids, (id) => cloud.health.getTenantHealth(id)));
  }

  /**
   * DataLoader batch function: every tenant's read under one run of the request's deadline (not
   * one each: a board batches 5,000), each tenant's answer or failure kept to that tenant; reads
   * still running when the budget is spent answer its error.
   */
  private settleEach<T>(ids: readonly string[], read: (id: string) => Promise<T>): Promise<(T | Error)[]> {
    const results: (T | Error | undefined)[] = ids.map(() => undefined); // no holes: map() skips them
    const readAll = () =>
      Promise.all(
        ids.map((id, index) =>
          read(id).then(
            (value) => void (results[index] = value),
            (error: unknown) => void (results[index] = asError(namingCustomer(id, error))),
          ),
        ),
      );
    return this.upstream(readAll).then(
      () => results as (T | Error)[],
      (budgetSpent: unknown) => results.map((result, index) => result ?? asError(namingCustomer(ids[index]!, budgetSpent))),
    );
  }

  /** Runs one upstream read under the request's deadline, when it has one. */
  private upstream<T>(read: () => Promise<T>): Promise<T> {
    return this.deadline === undefined ? read() : this.deadline.run(read);
  }

  /** The partner's customers, sorted by name for a stable order across pages. */
  listCustomers(): Promise<PartnerCustomer[]> {
    // Every customer field beyond the name needs the GDAP map: read both partner lists at once.
    // (The map's failure is reported where it is awaited, not here.)
    if (this.customers === undefined) void this.accessMap().catch(() => undefined);
    this.customers ??= this.upstream(() => this.cloud.customers.listCustomers()).then(sortedByName);
    return this.customers;
  }

  async findCustomer(id: string): Promise<PartnerCustomer | null> {
    return (await this.listCustomers()).find((customer) => customer.id === id) ?? null;
  }

  async getCustomer(id: string): Promise<PartnerCustomer> {
    const customer = await this.findCustomer(id);
    if (!customer) throw notFound("Customer", id);
    return customer;
  }

  async delegatedAccess(customerId: string): Promise<DelegatedAccess> {
    return (await this.accessMap()).get(customerId) ?? noDelegatedAccess(customerId);
  }

  private accessMap(): Promise<Map<string, DelegatedAccess>> {
    this.access ??= this.upstream(() => this.cloud.customers.listDelegatedAccess()).then((map) => (this.accessRead = map));
    return this.access;
  }

  /** Runs `read` once the partner is known to hold usable GDAP access to the customer (else FORBIDDEN). */
  private withDelegatedAccess<T>(customerId: string, read: () => Promise<T>): Promise<T> {
    if (this.accessRead === undefined) return this.requireDelegatedAccess(customerId).then(read);
    const refusal = refusalOf(customerId, this.accessRead);
    return refusal === null ? read() : Promise.reject(refusal);
  }

  /** Tenant ids of customers the partner holds usable (active or expiring) GDAP access to. */
  async usableCustomerIds(): Promise<string[]> {
    return [...(await this.accessMap()).values()].filter(hasUsableAccess).map((access) => access.customerTenantId);
  }

  /** Throws FORBIDDEN unless the partner holds usable GDAP access to the customer. */
  requireDelegatedAccess(customerId: string): Promise<void> {
    let check = this.accessChecks.get(customerId);
    if (check === undefined) {
      check = this.checkDelegatedAccess(customerId);
      this.accessChecks.set(customerId, check);
    }
    return check;
  }

  private async checkDelegatedAccess(customerId: string): Promise<void> {
    const refusal = refusalOf(customerId, await this.accessMap());
    if (refusal !== null) throw refusal;
  }

  subscriptions(customerId: string): Promise<CustomerSubscription[]> {
    return this.withDelegatedAccess(customerId, () => this.subscriptionLoader.load(customerId));
  }

  health(customerId: string): Promise<TenantHealth> {
    return this.withDelegatedAccess(customerId, () => this.healthLoader.load(customerId));
  }

  incidents(customerId: string, activeOnly: boolean): Promise<ServiceIncident[]> {
    return this.health(customerId).then(({ incidents }) => (activeOnly ? incidents.filter((incident) => !incident.isResolved) : incidents));
  }

  /** Support topics, read on behalf of the request's agent (`assertion`) when one is signed in. */
  supportTopics(): Promise<SupportTopic[]> {
    this.topics ??= this.upstream(() =>
      this.cloud.supportTopics.listSupportTopics(this.assertion === undefined ? undefined : { assertion: this.assertion }),
    );
    return this.topics;
  }
}

const byName = new Intl.Collator(undefined).compare;
const sortedLists = new WeakMap<readonly PartnerCustomer[], PartnerCustomer[]>();

/**
 * The list sorted by name, then id. A cached read answers the same array until it is read again,
 * so its sorted copy is kept with it: sorting 5,000 names took a large part of every warm page.
 * Callers never change the returned array.
 */
function sortedByName(list: readonly PartnerCustomer[]): PartnerCustomer[] {
  let sorted = sortedLists.get(list);
  if (sorted === undefined) {
    sorted = [...list].sort((a, b) => byName(a.name, b.name) || byName(a.id, b.id));
    sortedLists.set(list, sorted);
  }
  return sorted;
}

/** FORBIDDEN for the customer unless the partner holds usable GDAP access to it; null when it does. */
function refusalOf(customerId: string, accessByCustomer: ReadonlyMap<string, DelegatedAccess>): AppError | null {
  const access = accessByCustomer.get(customerId) ?? noDelegatedAccess(customerId);
  return hasUsableAccess(access) ? null : rejectionFor(customerId, access);
}

// FORBIDDEN errors by the access record they reject. Warm requests get the same record objects
// from the read cache, so a dashboard re-rejecting the same tenants reuses one error (and its
// formatted stack) instead of building one per tenant per request; a refreshed record gets a new one.
const rejections = new WeakMap<DelegatedAccess, AppError>();

function rejectionFor(customerId: string, access: DelegatedAccess): AppError {
  const cached = rejections.get(access);
  if (cached !== undefined && access.customerTenantId === customerId) return cached;
  const error = forbidden(
    `The partner has no active delegated admin access to customer ${customerId} (relationship status ${access.status})`,
    { customerId, delegatedAccessStatus: access.status },
  );
  if (access.customerTenantId === customerId) rejections.set(access, error);
  return error;
}

/**
 * A tenant's upstream failure as the caller sees it, with `customerId` in its details (and so in
 * the GraphQL error's extensions): a dashboard can tell which row an error belongs to.
 */
function namingCustomer(customerId: string, error: unknown): unknown {
  if (isAppError(error) && !("customerId" in error.details)) {
    return new AppError(error.code, error.message, { ...error.details, customerId }, { cause: error });
  }
  return error;
}

/** What DataLoader accepts as a key's failure. */
const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
