/** Reading the JSON bodies of emulated API calls, whose bad input is answered 400 rather than thrown. */

/** `value` when it is a JSON object (not null, not an array). */
export const asJsonObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The body's JSON object, or undefined when it is not JSON or not an object. */
export function parseJsonObject(body: string | undefined): Record<string, unknown> | undefined {
  try {
    return asJsonObject(JSON.parse(body ?? ""));
  } catch {
    return undefined;
  }
}

/** A string field with something in it besides spaces, or undefined. */
export const nonBlankText = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);
