import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLArmorRejectCallback } from "@escape.tech/graphql-armor-types";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from "graphql";

/** Which limit refused a query (`extensions.limit` of the BAD_USER_INPUT error). */
export type QueryLimitName = "maxDepth" | "maxAliases" | "maxDirectives" | "maxCost" | "maxTokens";

/**
 * The limits every operation must fit. The example operations in schema/operations reach depth
 * 6, cost 694 (CustomerDetail), no aliases or directives, and 895 tokens for the whole of
 * tickets.graphql, so each limit leaves at least twice that room (test/security checks it).
 */
export interface QueryLimits {
  /** Deepest selection, fragments followed. */
  maxDepth: number;
  /** Aliases per operation. */
  maxAliases: number;
  /** Directives per operation (`@include`, `@skip`, ...). */
  maxDirectives: number;
  /**
   * graphql-armor's cost: objects 2, scalars 1, times 1.5 per level of depth, times a literal
   * `first` (not a `$first` variable: `first` itself is capped at 100 by pagination). README's
   * quick-start query, every customer field with `first: 100`, costs about 11,400.
   */
  maxCost: number;
  /** Lexical tokens of the query text, counted by graphql-js's parser before anything else runs. */
  maxTokens: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 30,
  maxCost: 25_000,
  maxTokens: 3_000,
};

/**
 * A query refused by a limit. Kept as its own class so that format-error can turn it into
 * BAD_USER_INPUT with `field: "query"` and the limit's name, whichever wrapper Apollo adds.
 */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limit: QueryLimitName,
    message: string,
  ) {
    super(message, { extensions: { code: "BAD_USER_INPUT", field: "query", limit } });
    this.name = "QueryLimitError";
  }
}

export interface QueryLimitProtection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  /** The same parse and validation for operations Apollo does not see (graphql-ws). */
  documents: DocumentChecks;
}

/**
 * Parse and validate one document exactly as Apollo does for HTTP: the same token limit, the same
 * graphql-js and armor rules, introspection refused when it is off, field suggestions masked
 * outside sandbox, and each error tagged with Apollo's code (GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED) so format-error answers BAD_USER_INPUT over either transport.
 */
export interface DocumentChecks {
  parse(query: string): DocumentNode | GraphQLError[];
  validate(schema: GraphQLSchema, document: DocumentNode): GraphQLError[];
}

/**
 * graphql-armor's depth, cost, alias and directive rules, plus graphql-js's own `maxTokens`
 * parse option (armor's token plugin throws from an Apollo hook, which Apollo answers with a
 * 500; the parser option fails as an ordinary syntax error instead). Field suggestions
 * ("Did you mean ...?") leak the schema, so they are blocked unless `sandbox` is set.
 */
export function createQueryLimits(options: { sandbox: boolean; limits?: Partial<QueryLimits> }): QueryLimitProtection {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  // Report our own typed error instead of armor's generic "Syntax Error: ..." one.
  const reject =
    (limit: QueryLimitName): GraphQLArmorRejectCallback =>
    (context, error) => {
      const message = error.message.replace(/^Syntax Error: /, "");
      context?.reportError(new QueryLimitError(limit, message));
    };
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...common, onReject: [reject("maxDepth")] },
    maxAliases: { n: limits.maxAliases, allowList: [], ...common, onReject: [reject("maxAliases")] },
    maxDirectives: { n: limits.maxDirectives, ...common, onReject: [reject("maxDirectives")] },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...common, onReject: [reject("maxCost")] },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !options.sandbox },
  });
  const { plugins, validationRules } = armor.protect();
  const parseOptions: ParseOptions = { maxTokens: limits.maxTokens };
  // Introspection is on in sandbox only, as in Apollo, which adds its own rule when it is off; graphql-js ships the same check.
  const rules = [...specifiedRules, ...validationRules, ...(options.sandbox ? [] : [NoSchemaIntrospectionCustomRule])];
  const documents: DocumentChecks = {
    parse: (query) => {
      try {
        return parse(query, parseOptions);
      } catch (error) {
        return [tagged(error, "GRAPHQL_PARSE_FAILED")];
      }
    },
    validate: (schema, document) =>
      validate(schema, document, rules).map((error) => {
        if (error instanceof QueryLimitError) return error;
        const typed = tagged(error, "GRAPHQL_VALIDATION_FAILED");
        if (!options.sandbox) typed.message = typed.message.replace(/Did you mean ".+"\?/g, "[Suggestion hidden]").trim();
        return typed;
      }),
  };
  return { plugins, validationRules, parseOptions, documents };
}

/** The error as a GraphQLError carrying Apollo's request error code. */
function tagged(error: unknown, code: "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED"): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError("The query could not be read", { extensions: { code } });
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/** graphql-js's message when `maxTokens` stops the parser (16.x spells it "more that"). */
export const isTokenLimitMessage = (message: string): boolean => /Document contains more tha[nt] \d+ tokens/.test(message);
