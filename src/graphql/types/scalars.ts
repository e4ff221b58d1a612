import { GraphQLScalarType, Kind } from "graphql";
import { GraphQLJSON } from "graphql-scalars";

const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== "string" || !isoPattern.test(value)) {
    throw new TypeError("DateTime must be an ISO 8601 string such as 2026-01-31T09:30:00Z");
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`"${value}" is not a valid DateTime`);
  return date;
}

/** `DateTime`: ISO 8601 in UTC on output; any ISO 8601 with an offset on input (CONTRACT.md). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An ISO 8601 date-time; always returned in UTC, e.g. 2026-01-31T09:30:00.000Z.",
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new TypeError("DateTime cannot represent this value");
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError("DateTime must be a string");
    return parseDateTime(ast.value);
  },
});

export const JSONScalar = GraphQLJSON;
