import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_MATRIX } from "../../src/auth/access-matrix";
import { AGENT_ROLES, type AgentRole } from "../../src/auth/agent";
import { startTestGateway, type TestGateway } from "./support/test-gateway";
import { postGraphQL } from "./support/raw-graphql";

const SCHEMA = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));
const MATRIX = ACCESS_MATRIX as Record<string, readonly AgentRole[]>;
const ROOT_TYPES = [SCHEMA.getQueryType(), SCHEMA.getMutationType(), SCHEMA.getSubscriptionType()].filter(
  (type): type is GraphQLObjectType => type != null,
);
const rootFields = ROOT_TYPES.flatMap((type) => Object.values(type.getFields()).map((field) => ({ type: type.name, field })));
/** Fields of non-root types the matrix guards, e.g. Customer.serviceHealth. */
const guardedFields = Object.keys(MATRIX)
  .map((key) => key.split("."))
  .filter(([type]) => type === "Customer")
  .map(([type, field]) => ({ type: type!, field: field! }));

/** A literal for an argument of this type: the cheapest value that passes GraphQL validation. */
function literalFor(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literalFor(type.ofType);
  if (isListType(type)) return `[${literalFor(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return `{ ${required.map((field) => `${field.name}: ${literalFor(field.type)}`).join(", ")} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return "1";
      case "Float":
        return "1.5";
      case "Boolean":
        return "true";
      case "DateTime":
        return '"2024-01-01T00:00:00.000Z"';
      case "JSON":
        return "{}";
      default:
        // IDs and strings: an id that exists nowhere, so allowed calls end in NOT_FOUND and change nothing.
        return '"00000000-0000-4000-8000-000000000000"';
    }
  }
  throw new Error(`No literal for ${String(type)}`);
}

function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined)
    .map((arg) => `${arg.name}: ${literalFor(arg.type)}`);
  const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${kind} { ${field.name}${args.length > 0 ? `(${args.join(", ")})` : ""}${selection} }`;
}

describe("the access matrix covers the schema", () => {
  it("has a rule for every query, mutation and subscription in schema/schema.graphql", () => {
    const missing = rootFields.map(({ type, field }) => `${type}.${field.name}`).filter((key) => MATRIX[key] === undefined);
    expect(missing, "add these operations to ACCESS_MATRIX in src/auth/access-matrix.ts").toEqual([]);
    expect(rootFields.length).toBeGreaterThan(20);
  });

  it("guards only Customer fields that exist", () => {
    const customer = SCHEMA.getType("Customer") as GraphQLObjectType;
    for (const { field } of guardedFields) expect(Object.keys(customer.getFields())).toContain(field);
  });

  it("lists only known roles, and gives SALES_AGENT no mutation and SUPPORT_LEAD none that changes a ticket", () => {
    // createExportLink signs a download link for a lead's own export; leads also manage alert
    // routing and acknowledge alerts (issue 18). None of them changes a ticket.
    const leadOnly = ["Mutation.createExportLink"];
    const leadMutations = [...leadOnly, "Mutation.acknowledgeAlert", "Mutation.saveAlertRule", "Mutation.deleteAlertRule", "Mutation.sendTestAlert"];
    for (const [key, roles] of Object.entries(MATRIX)) {
      for (const role of roles) expect(AGENT_ROLES, key).toContain(role);
      if (key.startsWith("Mutation.")) {
        expect(roles, key).not.toContain("SALES_AGENT");
        if (leadOnly.includes(key)) expect(roles, key).toEqual(["SUPPORT_LEAD"]);
        else if (!leadMutations.includes(key)) expect(roles, key).not.toContain("SUPPORT_LEAD");
      }
    }
    expect(MATRIX["Mutation.saveAlertRule"]).toEqual(["ADMIN_AGENT", "SUPPORT_LEAD"]);
    expect(MATRIX["Mutation.acknowledgeAlert"]).toEqual(["ADMIN_AGENT", "HELPDESK_AGENT", "SUPPORT_LEAD"]);
  });
});

describe("every operation is enforced as the matrix says, for every role (live server)", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  const runnable = rootFields.filter(({ type }) => type === "Query" || type === "Mutation");

  it("answers FORBIDDEN exactly for the roles the matrix leaves out, and UNAUTHENTICATED without a token", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const { type, field } of runnable) {
      const query = operationFor(type === "Query" ? "query" : "mutation", field);
      const anonymous = await postGraphQL(gw.app.gateway.graphqlUrl, { query }, { token: null });
      if (anonymous.status !== 401 || anonymous.errors[0]?.extensions.code !== "UNAUTHENTICATED") {
        mismatches.push(`${type}.${field.name} without token: ${anonymous.status} ${JSON.stringify(anonymous.errors)}`);
      }
      for (const role of AGENT_ROLES) {
        const result = await postGraphQL(gw.app.gateway.graphqlUrl, { query }, { token: gw.tokens[role] });
        checked++;
        const codes = result.errors.map((error) => error.extensions.code);
        const allowed = MATRIX[`${type}.${field.name}`]?.includes(role) ?? false;
        const forbidden = codes.includes("FORBIDDEN") && result.errors.some((e) => e.message === "Your role may not do this");
        if (codes.includes("INTERNAL") || allowed === forbidden || result.status >= 500) {
          mismatches.push(`${type}.${field.name} as ${role}: expected ${allowed ? "allowed" : "FORBIDDEN"}, got ${result.status} ${JSON.stringify(codes)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(runnable.length * AGENT_ROLES.length);
  });

  it("enforces the guarded Customer fields per role at the field's path", async () => {
    const mismatches: string[] = [];
    for (const { field } of guardedFields) {
      const schemaField = (SCHEMA.getType("Customer") as GraphQLObjectType).getFields()[field]!;
      const selection = isObjectType(getNamedType(schemaField.type)) ? `${field} { __typename }` : field;
      const query = `{ customers(first: 1) { edges { node { id ${selection} } } } }`;
      for (const role of AGENT_ROLES) {
        const result = await postGraphQL(gw.app.gateway.graphqlUrl, { query }, { token: gw.tokens[role] });
        const roleErrors = result.errors.filter((e) => e.message === "Your role may not do this");
        const allowed = MATRIX[`Customer.${field}`]!.includes(role);
        if (allowed === roleErrors.length > 0 || result.errors.some((e) => e.extensions.code === "INTERNAL")) {
          mismatches.push(`Customer.${field} as ${role}: ${JSON.stringify(result.errors.map((e) => [e.extensions.code, e.path]))}`);
        }
        // A refused nullable field stays at its path: the customers list itself is still answered.
        if (!allowed && !isNonNullType(schemaField.type)) expect(result.data?.customers.edges.length, field).toBe(1);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
