import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/** Values a fuzz case may use besides random ones: real ids, so that some calls reach deep code. */
export interface FuzzPools {
  ticketIds: string[];
  customerIds: string[];
  incidentIds: string[];
  topicIds: string[];
}

export interface FuzzCase {
  kind: "query" | "mutation" | "subscription";
  field: string;
  query: string;
  variables: Record<string, unknown>;
  /** Which credential: a role's token, none, or a forged one. */
  caller: "ADMIN_AGENT" | "HELPDESK_AGENT" | "SALES_AGENT" | "SUPPORT_LEAD" | "none" | "forged";
}

const HUGE = "x".repeat(50_000);
const HUGE_UNICODE = "é🚀".repeat(5_000);
const NASTY_STRINGS = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "\u0007bell",
  "\uD800",
  "lone \uDC00 low",
  "\uFEFFbom",
  "\u202Eright-to-left",
  "'; DROP TABLE ticket; --",
  "\" OR 1=1 --",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "../../etc/passwd",
  "%00",
  "null",
  "undefined",
  "NaN",
  "🙂".repeat(3),
  "e\u0301",
  HUGE,
  HUGE_UNICODE,
  "y".repeat(201),
  "z".repeat(4001),
  "a".repeat(10_001),
];
const NASTY_NUMBERS = [0, -1, -2147483648, 2147483647, 2147483648, 1e15, -1e15, 1.5, Number.MAX_SAFE_INTEGER, 101, 100, 1];

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom("Mail delayed", "Users cannot sign in", "Printer on fire", "Need a refund") },
);

function idArbitrary(name: string, pools: FuzzPools): fc.Arbitrary<unknown> {
  const pool = [
    ...(/customer/i.test(name) ? pools.customerIds : []),
    ...(/incident/i.test(name) ? pools.incidentIds : []),
    ...(/topic/i.test(name) ? pools.topicIds : []),
    ...(name === "id" || /ticket/i.test(name) ? pools.ticketIds : []),
  ];
  const real = pool.length > 0 ? [{ weight: 5, arbitrary: fc.constantFrom(...pool) }] : [];
  return fc.oneof(
    ...real,
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: text },
    { weight: 1, arbitrary: fc.integer() },
  );
}

function scalarArbitrary(typeName: string, argName: string, pools: FuzzPools): fc.Arbitrary<unknown> {
  switch (typeName) {
    case "ID":
      return idArbitrary(argName, pools);
    case "Int":
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: -5, max: 120 }) },
        { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
        { weight: 1, arbitrary: fc.constantFrom("1", true, [1]) },
      );
    case "Float":
      return fc.oneof(fc.double(), fc.constantFrom(...NASTY_NUMBERS));
    case "Boolean":
      return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom("true", 1, 0) });
    case "DateTime":
      return fc.oneof(
        fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom("2024-02-30T00:00:00Z", "yesterday", "", "9999-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z", "2024-01-01"),
        fc.integer(),
      );
    case "JSON":
      return anyJson;
    default:
      if (/after|cursor/i.test(argName)) {
        return fc.oneof(
          text,
          fc.string({ maxLength: 30 }).map((s) => Buffer.from(s).toString("base64")),
          fc.constantFrom(Buffer.from('{"id":"x","at":"2024"}').toString("base64url"), Buffer.from("0").toString("base64url"), "bm90LWEtY3Vyc29y"),
        );
      }
      return text;
  }
}

function valueArbitrary(type: GraphQLInputType, argName: string, pools: FuzzPools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 12, arbitrary: valueArbitrary(type.ofType, argName, pools, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  const nullable = (arbitrary: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 6, arbitrary }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) {
    return nullable(fc.array(valueArbitrary(type.ofType, argName, pools, depth + 1), { maxLength: 4 }));
  }
  if (isEnumType(type)) {
    const names = type.getValues().map((value) => value.name);
    return nullable(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text }));
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) record[field.name] = valueArbitrary(field.type, field.name, pools, depth + 1);
    const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    const object = fc.record(record, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
    return nullable(
      fc.oneof(
        { weight: 8, arbitrary: object },
        // a required field missing, or a field the type does not have
        { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
        { weight: 1, arbitrary: object.map((value) => ({ ...value, notAField: "x" })) },
      ),
    );
  }
  return nullable(scalarArbitrary(getNamedType(type).name, argName, pools));
}

/** A selection that reaches the usual resolvers of the returned type, without touching upstream-heavy lists. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return "";
  const fields = named.getFields();
  const scalars = Object.values(fields)
    .filter((f) => !isObjectType(getNamedType(f.type)) && f.args.every((arg) => !isNonNullType(arg.type)))
    .map((f) => f.name)
    .slice(0, 8);
  return ` { __typename ${scalars.join(" ")} }`;
}

/**
 * Every query and mutation of the schema (and, with `withSubscriptions`, every subscription: the
 * WebSocket fuzz), with arbitraries for its arguments (declared as variables).
 */
export function fuzzCaseArbitrary(schema: GraphQLSchema, pools: FuzzPools, options: { withSubscriptions?: boolean } = {}): fc.Arbitrary<FuzzCase> {
  const roots: [FuzzCase["kind"], GraphQLObjectType | null | undefined][] = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ...(options.withSubscriptions ? [["subscription", schema.getSubscriptionType()] as [FuzzCase["kind"], GraphQLObjectType | null | undefined]] : []),
  ];
  const operations = roots.flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ kind, field })) : [],
  );
  const caller = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("ADMIN_AGENT", "HELPDESK_AGENT", "SUPPORT_LEAD", "SALES_AGENT") },
    { weight: 1, arbitrary: fc.constantFrom("none", "forged") },
  ) as fc.Arbitrary<FuzzCase["caller"]>;

  return fc.oneof(
    ...operations.map(({ kind, field }) => {
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const arg of field.args) record[arg.name] = valueArbitrary(arg.type, arg.name, pools);
      const required = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name);
      const args = fc.oneof(
        { weight: 12, arbitrary: fc.record(record, { requiredKeys: required }) },
        { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
      ) as fc.Arbitrary<Record<string, unknown>>;
      return fc.tuple(args, caller).map(([variables, who]): FuzzCase => {
        const used = field.args.filter((arg) => arg.name in variables);
        const declarations = used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
        const passing = used.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
        const query = `${kind} Fuzz${declarations ? `(${declarations})` : ""} { ${field.name}${passing ? `(${passing})` : ""}${selectionFor(field)} }`;
        return { kind, field: field.name, query, variables, caller: who };
      });
    }),
  );
}
