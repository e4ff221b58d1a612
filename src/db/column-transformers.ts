import type { ValueTransformer } from "typeorm";
import { fromIsoTime, toIsoTime } from "./iso-time";

/**
 * Column transformers, so entities carry Dates and objects while the columns stay portable:
 * times are ISO-8601 `varchar(30)` (identical on SQLite and PostgreSQL, text order = time order,
 * see iso-time.ts) and JSON is `text`. One migration keeps serving both databases and existing
 * databases need no change. Find operators (`In`, `LessThan`, ...) are transformed value by value
 * by TypeORM itself.
 */

/** A Date property over an ISO-8601 `varchar(30)` column (nullable columns read back null). */
export const isoTime: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? toIsoTime(value) : value),
  from: (value: string | null) => (value === null ? null : fromIsoTime(value)),
};

/** A JSON value over a `text` column. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? value : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};

/**
 * A JSON value over a `text` column, written with object keys sorted, so the stored text of equal
 * values is equal (outbox payloads: idempotent re-enqueues and reviews compare text).
 */
export const sortedJsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? value : JSON.stringify(value, sortKeys)),
  from: (value: unknown): unknown => jsonText.from(value),
};

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ![Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}
