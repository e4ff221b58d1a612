import { useCallback, useState } from "react";

/** Relay cursors as pages: keeps the cursors seen so far so "Previous" works without `before`. */
export function usePager(): { after: string | null; page: number; next: (cursor: string | null | undefined) => void; previous: () => void; reset: () => void } {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // Stable callbacks, so a page can reset the pager from an effect.
  const next = useCallback((cursor: string | null | undefined) => {
    if (cursor) setCursors((list) => [...list, cursor]);
  }, []);
  const previous = useCallback(() => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)), []);
  const reset = useCallback(() => setCursors((list) => (list.length === 1 && list[0] === null ? list : [null])), []);
  return { after: cursors[cursors.length - 1] ?? null, page: cursors.length, next, previous, reset };
}

export function Pager(props: { page: number; hasNextPage: boolean; totalCount: number; onNext: () => void; onPrevious: () => void; label: string }) {
  return (
    <nav className="pager" aria-label={`${props.label} pages`}>
      <button type="button" onClick={props.onPrevious} disabled={props.page <= 1}>
        Previous
      </button>
      <span>
        Page {props.page} ({props.totalCount} in all)
      </span>
      <button type="button" onClick={props.onNext} disabled={!props.hasNextPage}>
        Next
      </button>
    </nav>
  );
}
