import { v7 } from "uuid";

/**
 * A new row id: a UUIDv7 (RFC 9562), ordered by creation time. Inserts then append to the end of
 * a primary-key index instead of landing on a random page, so a commit writes fewer pages.
 */
export const newRowId = (): string => v7();
