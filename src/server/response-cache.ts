import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from "graphql";
import type { GraphQLContext } from "../graphql/context";

/**
 * A server-side cache of whole query responses (issue 19, RESPONSE_CACHE): a warm dashboard repeat
 * is answered without executing the operation. HTTP responses stay `Cache-Control: no-store`;
 * nothing is cached outside the gateway.
 *
 * - Key: the query text, operation name, variables, and the agent's id and role. Agents never share
 *   an entry (two agents of one role could see the same data, but `me`-like fields differ and one
 *   key per agent leaves nothing to prove).
 * - Only queries whose every root field reads customers, their health, incidents, the board, support
 *   topics or vehicles (upstream data through the read cache, plus open-ticket links); queries
 *   rooted at tickets, SLAs, audit and metrics are executed every time. Ticket fields nested under a
 *   customer are cached with it (dropped at the next ticket event; clock-derived values in them are
 *   at most RESPONSE_CACHE_TTL_MS old).
 * - Only responses without errors, or whose errors are all permanent per tenant (FORBIDDEN, NOT_FOUND,
 *   as the read cache keeps them); a transient failure is never served again.
 * - Every entry is dropped (one generation counter) when a ticket event commits on any instance or
 *   the read cache keeps a value different from the one before (a refresh that changed a tenant's
 *   health, an incident starting or resolving); a response computed while that happened is not kept.
 *   RESPONSE_CACHE_TTL_MS bounds anything else derived from the clock.
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  "customers",
  "customer",
  "serviceIncidents",
  "incidentBoard",
  "suggestedIncidents",
  "supportTopics",
  "supportVehicles",
  "__typename",
]);
const PERMANENT_CODES = new Set(["FORBIDDEN", "NOT_FOUND"]);

export type ResponseCacheOutcome = "hit" | "miss" | "skip";

interface CachedResponse {
  json: string;
  until: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private currentGeneration = 0;

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number; onLookup?: (outcome: ResponseCacheOutcome) => void },
  ) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops every entry (a ticket event, a changed upstream read). */
  invalidate(): void {
    this.currentGeneration += 1;
    this.entries.clear();
  }

  get(key: string): FormattedExecutionResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (Date.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    // A fresh copy per response: later plugins may add to `errors`.
    return JSON.parse(entry.json) as FormattedExecutionResult;
  }

  /** Keeps `result` unless the cache was invalidated since `generation` (when the execution began). */
  set(key: string, result: FormattedExecutionResult, generation: number): void {
    if (generation !== this.currentGeneration) return;
    this.entries.delete(key);
    this.entries.set(key, { json: JSON.stringify(result), until: Date.now() + this.options.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  count(outcome: ResponseCacheOutcome): void {
    this.options.onLookup?.(outcome);
  }
}

/** True for a query whose root selections are all cacheable fields (no root fragments: they are resolved as written). */
export function isCacheableOperation(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== "query") return false;
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value));
}

export function responseCacheKey(query: string, operationName: string | null | undefined, variables: unknown, agent: { id: string; role: string }): string {
  return createHash("sha256")
    .update(JSON.stringify([query, operationName ?? null, variables ?? {}, agent.id, agent.role]))
    .digest("base64url");
}

/** The Apollo plugin: answers from the cache before execution, keeps what may be kept after. Must come after partialErrorsPlugin. */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      let generation = 0;
      let served = false;
      return {
        async responseForOperation({ operation, request, operationName, contextValue }) {
          if (!isCacheableOperation(operation) || request.query === undefined) {
            cache.count("skip");
            return null;
          }
          key = responseCacheKey(request.query, operationName ?? request.operationName, request.variables, contextValue.agent);
          generation = cache.generation;
          const hit = cache.get(key);
          if (!hit) {
            cache.count("miss");
            return null;
          }
          cache.count("hit");
          served = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: hit } };
        },
        async willSendResponse({ response }) {
          if (key === null || served || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.errors?.some((error) => !PERMANENT_CODES.has(String(error.extensions?.code)))) return;
          cache.set(key, result, generation);
        },
      };
    },
  };
}
