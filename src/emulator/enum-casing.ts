import { hashString } from "./seeded-random";

/**
 * Graph's schema enums are camelCase but its documented examples answer in PascalCase
 * ("ServiceRestored", "Advisory"). The emulator answers with a deterministic mix of both, keyed
 * by `key` (e.g. tenant + issue id + field), so adapters must parse case-insensitively.
 */
export function mixedCase(value: string, key: string): string {
  if (value.length === 0) return value;
  return hashString(key) % 2 === 0 ? value : value.charAt(0).toUpperCase() + value.slice(1);
}
