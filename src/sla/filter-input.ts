import { badUserInput } from "../errors";

// Checks shared by the API filters (SLA breaches here; audit events and the ticket export in
// src/reporting). Each throws BAD_USER_INPUT naming the field (`fieldPrefix` + name).

const ID = /^[A-Za-z0-9:._@-]{1,128}$/;

/** An optional id: undefined when absent (null or undefined), refused when it is not an id. */
export function optionalId(value: string | null | undefined, name: string, fieldPrefix: string): string | undefined {
  if (value == null) return undefined;
  if (!ID.test(value)) throw badUserInput(`${fieldPrefix}${name}`, `${name} is not a valid id`);
  return value;
}

/** Refuses the first of `values` not in `allowed`, with `message(value)`. */
export function checkOneOf(
  values: readonly string[] | null | undefined,
  allowed: readonly string[],
  field: string,
  message: (value: string) => string,
): void {
  const unknown = values?.find((value) => !allowed.includes(value));
  if (unknown !== undefined) throw badUserInput(field, message(unknown));
}

/** Refuses a period that ends before it starts (on the end's field). */
export function checkPeriod(
  start: Date | undefined,
  end: Date | undefined,
  [startName, endName]: readonly [start: string, end: string],
  fieldPrefix: string,
): void {
  if (start && end && start.getTime() > end.getTime()) {
    throw badUserInput(`${fieldPrefix}${endName}`, `${endName} must not be before ${startName}`);
  }
}
