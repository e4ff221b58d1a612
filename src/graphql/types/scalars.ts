import { GraphQLScalarType } from "graphql";
import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";

/**
 * `DateTime`: graphql-scalars' RFC 3339 scalar (parsing and validation), with two settings of ours
 * kept from the contract (CONTRACT.md): output is always the UTC ISO text Date#toISOString gives
 * (the library hands a Date to the transport), and the description says so.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  ...GraphQLDateTime.toConfig(),
  description: "An ISO 8601 date-time; always returned in UTC, e.g. 2026-01-31T09:30:00.000Z.",
  serialize: (value) => (GraphQLDateTime.serialize(value) as Date).toISOString(),
  parseValue: (value) => GraphQLDateTime.parseValue(value) as Date,
  parseLiteral: (ast, variables) => GraphQLDateTime.parseLiteral(ast, variables) as Date,
});

export const JSONScalar = GraphQLJSON;
