/**
 * A second cache level shared by several gateway instances (issue 19): what one instance read
 * upstream, the others serve without asking upstream again. The in-process {@link ReadCache}
 * stays in front of it; a store that cannot be reached answers "nothing there" and the cache
 * falls back to upstream, so an outage costs upstream calls, never a failed read.
 */

/** One kept read (or kept permanent failure) as the store holds it; times are epoch milliseconds. */
export interface SharedEntry {
  value: unknown;
  /** A kept permanent failure (FORBIDDEN / NOT_FOUND): `value` is the error to rethrow. */
  failed?: boolean;
  readAt: number;
  freshUntil: number;
  staleUntil: number;
}

/** Lookups since start and whether the store answers now (GET /metrics). */
export interface SharedReadStoreStatus {
  up: boolean;
  hits: number;
  misses: number;
  writes: number;
  /** Lookups and writes that failed (store unreachable or slow): served from memory / upstream instead. */
  errors: number;
}

export interface SharedReadStore {
  /** The entry under `key`, or undefined when there is none or the store cannot answer. Never rejects. */
  get(key: string): Promise<SharedEntry | undefined>;
  /** Keeps `entry` until its `staleUntil`. Never rejects (a failed write is counted). */
  set(key: string, entry: SharedEntry): Promise<void>;
  /** Drops one key, or every key of a resource prefix (`delegatedAccess` drops `delegatedAccess|*`). Never rejects. */
  invalidate(keyOrPrefix: string): Promise<void>;
  status(): SharedReadStoreStatus;
}
