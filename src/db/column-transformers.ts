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
