import { describe, expect, it } from "vitest";
import type { MicrosoftCloud } from "../../../src/cloud/ports";
import { withTokenPrefetch, type ReadTokens } from "../../../src/cloud/token-prefetch";

const PARTNER = "99999999-9999-4999-8999-999999999999";
const CUSTOMER = "11111111-1111-4111-8111-111111111111";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (no clock involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What each inner read answers: one distinct object per read, so pass-through is checked by identity. */
const answers = {
  customers: [{ id: CUSTOMER, name: "Contoso", defaultDomain: null, relationshipToPartner: null }],
  access: new Map(),
  subscriptions: [],
  health: { tenantId: CUSTOMER, services: [], incidents: [] },
  topics: [],
};

/**
 * An inner cloud and token source that write what they are asked into one shared log, in order.
 * Tokens answer through `token` (resolve or reject it from the test); reads through `read`
 * (default: their answer from `answers`).
 */
function fakes(options: { token?: () => Promise<unknown>; read?: (name: string) => Promise<unknown> | undefined } = {}) {
  const log: string[] = [];
  const token = options.token ?? (async () => ({ token: "t" }));
  const read = <T>(name: string, answer: T): Promise<T> => {
    log.push(`read ${name}`);
    return (options.read?.(name) as Promise<T> | undefined) ?? Promise.resolve(answer);
  };
  const inner = {
    customers: {
      listCustomers: () => read("customers", answers.customers),
      listDelegatedAccess: () => read("gdap", answers.access),
    },
    subscriptions: { listSubscriptions: (tenantId: string) => read(`subscriptions(${tenantId})`, answers.subscriptions) },
    health: { getTenantHealth: (tenantId: string) => read(`health(${tenantId})`, answers.health) },
    supportTopics: { listSupportTopics: (_user?: unknown) => read("topics", answers.topics) },
  } satisfies MicrosoftCloud;
  const tokens: ReadTokens = {
    graph: (tenantId) => {
      log.push(`token graph(${tenantId})`);
      return token();
    },
    partnerCenter: () => {
      log.push("token partnerCenter");
      return token();
    },
  };
  return { log, inner, tokens };
}

/** Every read of the ports, the token it must have first, and what the inner read answers. */
const READS = [
  { read: "customers.listCustomers", call: (cloud: MicrosoftCloud) => cloud.customers.listCustomers(), token: "token partnerCenter", inner: "read customers", answer: answers.customers },
  { read: "customers.listDelegatedAccess", call: (cloud: MicrosoftCloud) => cloud.customers.listDelegatedAccess(), token: `token graph(${PARTNER})`, inner: "read gdap", answer: answers.access },
  { read: "subscriptions.listSubscriptions", call: (cloud: MicrosoftCloud) => cloud.subscriptions.listSubscriptions(CUSTOMER), token: "token partnerCenter", inner: `read subscriptions(${CUSTOMER})`, answer: answers.subscriptions },
  { read: "health.getTenantHealth", call: (cloud: MicrosoftCloud) => cloud.health.getTenantHealth(CUSTOMER), token: `token graph(${CUSTOMER})`, inner: `read health(${CUSTOMER})`, answer: answers.health },
] as const;

describe("withTokenPrefetch", () => {
  it("sends support topics straight through with the agent: the read is App+User, the partner's app-only token is not fetched", async () => {
    const { log, inner: cloud, tokens } = fakes({ token: async () => ({ token: "t" }) });
    await expect(withTokenPrefetch(cloud, tokens, PARTNER).supportTopics.listSupportTopics({ assertion: "a" })).resolves.toBe(answers.topics);
    expect(log).toEqual(["read topics"]);
  });

  it.each(READS)("$read asks for its token ($token) and starts the inner read only once the token is in", async ({ call, token, inner, answer }) => {
    const pending = deferred<unknown>();
    const { log, inner: cloud, tokens } = fakes({ token: () => pending.promise });
    const result = call(withTokenPrefetch(cloud, tokens, PARTNER));

    await settle();
    expect(log).toEqual([token]);

    pending.resolve({ token: "t" });
    await expect(result).resolves.toBe(answer);
    expect(log).toEqual([token, inner]);
  });

  it.each(READS)("$read still runs, and answers, when its token prefetch fails", async ({ call, token, inner, answer }) => {
    const { log, inner: cloud, tokens } = fakes({ token: async () => Promise.reject(new Error("identity platform down")) });

    await expect(call(withTokenPrefetch(cloud, tokens, PARTNER))).resolves.toBe(answer);
    expect(log).toEqual([token, inner]);
  });

  it.each(READS)("$read reports the inner read's own error, not the failed prefetch's", async ({ call, inner }) => {
    const prefetchFailure = new Error("token refused");
    const readFailure = new Error("FORBIDDEN from the read itself");
    const { log, inner: cloud, tokens } = fakes({
      token: async () => Promise.reject(prefetchFailure),
      read: () => Promise.reject(readFailure),
    });

    await expect(call(withTokenPrefetch(cloud, tokens, PARTNER))).rejects.toBe(readFailure);
    expect(log.at(-1)).toBe(inner);
  });

  it("passes an inner read's failure through unchanged when the token was fetched", async () => {
    const readFailure = new Error("Graph unavailable");
    const { inner: cloud, tokens } = fakes({ read: (name) => (name.startsWith("health") ? Promise.reject(readFailure) : undefined) });

    await expect(withTokenPrefetch(cloud, tokens, PARTNER).health.getTenantHealth(CUSTOMER)).rejects.toBe(readFailure);
  });

  it("keeps the decorated cloud's other members (a handle's close, its read cache)", () => {
    const { inner, tokens } = fakes();
    const close = async () => undefined;
    const handle = { ...inner, close, readCache: "the cache" };

    const decorated = withTokenPrefetch(handle, tokens, PARTNER);

    expect(decorated.close).toBe(close);
    expect(decorated.readCache).toBe("the cache");
  });
});
