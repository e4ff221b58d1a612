import { AppError, type ErrorCode } from "../errors";
import type { SharedEntry } from "./shared-read-store";

/**
 * The wire form of a {@link SharedEntry}: JSON in which Dates, Maps and Sets keep their type (upstream
 * reads carry `startDateTime`, `endsAt`, ...; the GDAP read is a Map by tenant) and a kept failure is an AppError again when read back, with
 * the same code, message and details (never a stack or cause: another instance has no use for it).
 */

interface WireEntry {
  v: unknown;
  f?: true;
  r: number;
  fu: number;
  su: number;
}

const DATE = "$psgDate";
const MAP = "$psgMap";
const SET = "$psgSet";

export function encodeSharedEntry(entry: SharedEntry): string {
  const value = entry.failed ? encodeError(entry.value) : entry.value;
  const wire: WireEntry = { v: value, r: entry.readAt, fu: entry.freshUntil, su: entry.staleUntil, ...(entry.failed ? { f: true as const } : {}) };
  // The replacer sees toJSON's output; `this[key]` is the value before it (a Date stays a Date there).
  return JSON.stringify(wire, function (this: Record<string, unknown>, key: string, current: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [DATE]: raw.getTime() };
    if (raw instanceof Map) return { [MAP]: [...raw.entries()] };
    if (raw instanceof Set) return { [SET]: [...raw.values()] };
    return current;
  });
}

/** The entry, or undefined when the text is not one (a foreign writer, an older format). */
export function decodeSharedEntry(text: string): SharedEntry | undefined {
  let wire: WireEntry;
  try {
    wire = JSON.parse(text, (_key, current: unknown) => {
      if (current !== null && typeof current === "object" && !Array.isArray(current)) {
        const record = current as Record<string, unknown>;
        if (Object.keys(record).length === 1) {
          const time = record[DATE];
          if (typeof time === "number") return new Date(time);
          // Members are revived first (bottom-up): the entries already hold Dates and Maps.
          if (Array.isArray(record[MAP])) return new Map(record[MAP] as [unknown, unknown][]);
          if (Array.isArray(record[SET])) return new Set(record[SET] as unknown[]);
        }
      }
      return current;
    }) as WireEntry;
  } catch {
    return undefined;
  }
  if (wire === null || typeof wire !== "object" || typeof wire.r !== "number" || typeof wire.fu !== "number" || typeof wire.su !== "number") return undefined;
  if (wire.f) {
    const error = decodeError(wire.v);
    return error ? { value: error, failed: true, readAt: wire.r, freshUntil: wire.fu, staleUntil: wire.su } : undefined;
  }
  return { value: wire.v, readAt: wire.r, freshUntil: wire.fu, staleUntil: wire.su };
}

function encodeError(error: unknown): unknown {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  return { code: "INTERNAL", message: "upstream read failed", details: {} };
}

function decodeError(value: unknown): AppError | undefined {
  const record = value as { code?: unknown; message?: unknown; details?: unknown } | null;
  if (record === null || typeof record !== "object" || typeof record.code !== "string" || typeof record.message !== "string") return undefined;
  const details = record.details !== null && typeof record.details === "object" ? (record.details as Record<string, unknown>) : {};
  return new AppError(record.code as ErrorCode, record.message, details);
}
