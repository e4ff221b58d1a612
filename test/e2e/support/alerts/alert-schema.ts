import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

/** The committed alert.v1 JSON Schema, compiled with ajv (draft 2020-12, formats checked). */
export function alertSchemaValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(__dirname, "../../../../schema/alert.v1.schema.json"), "utf8")) as object;
  const validate = ajv.compile(schema);
  return (payload: unknown): string[] => (validate(payload) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`));
}
