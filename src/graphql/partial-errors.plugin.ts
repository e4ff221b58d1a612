import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";

/**
 * Appends the errors resolvers collected in `context.partialErrors` to the response: a field that
 * answers with what it could read (incidents over every tenant) still says what it could not,
 * as CONTRACT.md asks ("the data that could be had plus per-field errors").
 */
export function partialErrorsPlugin<TContext extends { partialErrors?: GraphQLFormattedError[] }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const extra = contextValue.partialErrors;
          if (!extra?.length || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...extra];
        },
      };
    },
  };
}
