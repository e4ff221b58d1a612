/**
 * Times are stored as ISO-8601 UTC strings with milliseconds (`2025-01-31T08:00:00.000Z`) in
 * `varchar(30)` columns: identical on SQLite and PostgreSQL, and lexicographic order is time order.
 */
export function toIsoTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid Date cannot be stored");
  return date.toISOString();
}

/** Reads a stored ISO-8601 time back into a Date. */
export function fromIsoTime(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Stored time is not ISO-8601: ${value}`);
  return date;
}
