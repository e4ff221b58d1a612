import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * JSON-schema validation of payloads against the `definitions` of an Azure swagger (2.0) file kept
 * under test/fixtures/microsoft/azure. `strict` closes every object schema that lists properties
 * (additionalProperties: false): the emulator must send nothing the swagger does not define, while
 * Microsoft's own examples are checked open (they carry a few undocumented extras).
 */
type Schema = Record<string, unknown>;

const FIXTURES = join(__dirname, "..", "..", "fixtures", "microsoft", "azure");

function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (typeof node !== "object" || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) out[key] = key === "properties" ? mapValues(value as Schema, closeObjects) : closeObjects(value);
  if ("properties" in out && !("additionalProperties" in out)) out["additionalProperties"] = false;
  return out;
}

const mapValues = (record: Schema, fn: (value: unknown) => unknown): Schema =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));

/** Swagger's `$ref` + siblings (e.g. `x-ms-client-flatten`) is fine for ajv once the x-ms keywords are known. */
function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

export interface SwaggerSchemas {
  /** A validator for `#/definitions/<name>`. */
  validator(name: string): ValidateFunction;
}

/** Loads `relativePath` (under fixtures/microsoft/azure) as one JSON schema whose `definitions` resolve locally. */
export function loadSwagger(relativePath: string, options: { strict: boolean }): SwaggerSchemas {
  const swagger = JSON.parse(readFileSync(join(FIXTURES, relativePath), "utf8")) as { definitions: Schema };
  const definitions = options.strict ? (mapValues(swagger.definitions, closeObjects) as Schema) : swagger.definitions;
  const ajv = newAjv();
  ajv.addSchema({ $id: "swagger", definitions }, "swagger");
  const cache = new Map<string, ValidateFunction>();
  return {
    validator(name) {
      let validate = cache.get(name);
      if (!validate) {
        if (!(name in definitions)) throw new Error(`${relativePath} has no definition ${name}`);
        validate = ajv.compile({ $ref: `swagger#/definitions/${name}` });
        cache.set(name, validate);
      }
      return validate;
    },
  };
}

/** Human-readable ajv errors: `/properties/supportEngineer/emailAddress must be string`. */
export const describeErrors = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? ""}${error.params && "additionalProperty" in error.params ? ` '${String(error.params.additionalProperty)}'` : ""}`).join("; ");

/** Validates and returns the problems ("" when valid), so a failing expect shows them. */
export function violations(schemas: SwaggerSchemas, definition: string, payload: unknown): string {
  const validate = schemas.validator(definition);
  return validate(payload) ? "" : `${definition}: ${describeErrors(validate.errors)}`;
}
