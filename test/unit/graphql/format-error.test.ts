import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { clip, fieldOfRequestError, formatGraphQLError, MAX_ERROR_MESSAGE_LENGTH } from "../../../src/graphql/format-error";
import { QueryLimitError } from "../../../src/graphql/query-limits";

const format = (error: GraphQLError) => formatGraphQLError(error.toJSON(), error, { exposeInternals: false });

describe("error masking", () => {
  it("masks unexpected errors: no message, stack, SQL or upstream body", () => {
    const internal = new GraphQLError("x", { originalError: new Error('SQLITE_ERROR: near "DROP": syntax error; Bearer eyJabc') });
    const formatted = format(internal);
    expect(formatted).toMatchObject({ message: "Internal error", extensions: { code: "INTERNAL" } });
    expect(JSON.stringify(formatted)).not.toMatch(/SQLITE|Bearer|stack/);
  });

  it("passes on only the contract's detail fields with a known code", () => {
    const error = new GraphQLError("slow down", { extensions: { code: "RATE_LIMITED", retryAfterSeconds: 30, upstreamBody: "<secret>", stacktrace: ["at x"] } });
    expect(format(error).extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: 30 });
  });

  it("turns a query limit error, however wrapped, into BAD_USER_INPUT naming the limit", () => {
    const wrapped = new GraphQLError("Validation failed", { extensions: { code: "GRAPHQL_VALIDATION_FAILED" }, originalError: new QueryLimitError("maxAliases", "Aliases limit of 30 exceeded, found 31.") });
    expect(format(wrapped).extensions).toEqual({ code: "BAD_USER_INPUT", field: "query", limit: "maxAliases" });
  });

  it("names the input of a request error and clips echoed values", () => {
    const huge = new GraphQLError(`Variable "$input" got invalid value "${"x".repeat(5000)}" at "input.title"; String cannot represent it.`, { extensions: { code: "BAD_USER_INPUT" } });
    const formatted = format(huge);
    expect(formatted.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    expect(formatted.message.length).toBeLessThan(400);
    expect(formatted.message).toMatch(/^Variable "\$input" got invalid value "x{100}…" at "input.title"; String cannot represent it\.$/);
  });

  it("sends a long message of its own whole, and cuts only beyond the documented bound", () => {
    const csrfLike = `This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). ${"Please specify a header. ".repeat(14)}x-apollo-operation-name, apollo-require-preflight`;
    expect(csrfLike.length).toBeGreaterThan(300);
    expect(clip(csrfLike)).toBe(csrfLike);
    const endless = "y ".repeat(MAX_ERROR_MESSAGE_LENGTH);
    expect(clip(endless)).toHaveLength(MAX_ERROR_MESSAGE_LENGTH + 1);
  });
});

describe("fieldOfRequestError", () => {
  it.each([
    ['Variable "$input" got invalid value "X" at "input.category"; Value "X" does not exist in "TicketCategory" enum.', "input.category"],
    ['Variable "$id" of non-null type "ID!" must not be null.', "id"],
    ['Variable "$first" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648', "first"],
    ['Field "openTicket" argument "input" of type "OpenTicketInput!" is required, but it was not provided.', "input"],
    ['Cannot query field "nope" on type "Query".', "query"],
    ['Syntax Error: Unexpected "}".', "query"],
  ])("%s -> %s", (message, field) => {
    expect(fieldOfRequestError(message)).toBe(field);
  });
});
