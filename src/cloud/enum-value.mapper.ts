/**
 * Microsoft sends the same enum in several spellings: Graph's schema says `serviceOperational`,
 * its examples return `ServiceOperational`; Partner Center uses `attention_needed` or an integer.
 * Comparing letters and digits only, case-insensitively, accepts all of them.
 */
const normalize = (value: string): string => value.replace(/[^a-z0-9]/gi, "").toLowerCase();

/**
 * Parses an upstream enum value into one of `allowed` (compared case- and separator-insensitively).
 * Integers are looked up in `byInteger` (Partner Center's numeric enums) when given.
 *
 * @example parseEnumValue("ServiceOperational", ["SERVICE_OPERATIONAL", "UNKNOWN"], "UNKNOWN") // "SERVICE_OPERATIONAL"
 */
export function parseEnumValue<T extends string>(
  raw: unknown,
  allowed: readonly T[],
  fallback: T,
  byInteger?: readonly T[],
): T {
  if (typeof raw === "number") {
    return (Number.isInteger(raw) && byInteger?.[raw]) || fallback;
  }
  if (typeof raw !== "string" || raw.trim() === "") return fallback;
  if (byInteger && /^\d+$/.test(raw.trim())) return byInteger[Number(raw.trim())] ?? fallback;
  const wanted = normalize(raw);
  return allowed.find((value) => normalize(value) === wanted) ?? fallback;
}

/** parseEnumValue with `values` also read by integer, but null when the value is missing or empty. */
export const parseOptionalEnumValue = <T extends string>(raw: unknown, values: readonly T[], fallback: T): T | null =>
  raw === null || raw === undefined || raw === "" ? null : parseEnumValue(raw, values, fallback, values);
