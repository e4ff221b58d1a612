import { createContext, useCallback, useContext, useEffect } from "react";
import { subscribe } from "../api/graphql-client";
import { useQuery } from "../api/use-query";
import { AlertCountLiveDocument, UnacknowledgedAlertCountDocument } from "../generated/graphql";

/** Re-reads the navigation's count of unacknowledged alerts (the Alerts page calls it after an acknowledgement). */
export const AlertCountRefresh = createContext<() => void>(() => undefined);

export function useAlertCountRefresh(): () => void {
  return useContext(AlertCountRefresh);
}

/**
 * How many alerts the agent may see are not acknowledged yet: the API's total, read again when
 * alertRaised delivers one and when refresh() is called. Null when the API refuses the agent the
 * alerts (the Alerts page shows that error; the navigation stays quiet).
 */
export function useUnacknowledgedAlertCount(): { count: number | null; refresh: () => void } {
  const query = useQuery(UnacknowledgedAlertCountDocument, {});
  const { refetch } = query;
  const allowed = query.data !== null;
  useEffect(() => {
    if (!allowed) return undefined;
    return subscribe(AlertCountLiveDocument, {}, { next: () => void refetch() });
  }, [allowed, refetch]);
  const refresh = useCallback(() => void refetch(), [refetch]);
  return { count: query.data?.alerts.totalCount ?? null, refresh };
}

/** The count beside "Alerts": the number for the eye, the words for a screen reader. */
export function AlertCountBadge({ count }: { count: number | null }) {
  if (count === null || count === 0) return null;
  return (
    <span className="nav-count" data-testid="alert-count" data-count={count}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">, {count} unacknowledged</span>
    </span>
  );
}
