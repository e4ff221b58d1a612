import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useAlertCountRefresh } from "../alerts/unacknowledged-alerts";
import { mutate, subscribe, type ApiError } from "../api/graphql-client";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatTime, words } from "../components/format";
import { Pager, usePager } from "../components/Pager";
import { AcknowledgeAlertDocument, AlertLiveDocument, AlertsPageDocument, DeskAgentsDocument, DeskCustomersDocument, type AlertKind, type AlertRowFieldsFragment } from "../generated/graphql";

/** Every kind the API raises (exhaustive: a new AlertKind fails the type check here). */
const KIND_LABELS = {
  SLA_BREACHED: "SLA breached",
  SLA_AT_RISK: "SLA at risk",
  MICROSOFT_ACTION_REQUIRED: "Microsoft action required",
  FILING_FAILED: "Filing failed",
  AWAITING_PORTAL_FILING: "Awaiting portal filing",
  ESCALATION_CLOSED_BY_MICROSOFT: "Escalation closed by Microsoft",
  CUSTOMER_REPLIED: "Customer replied",
  MICROSOFT_INCIDENT_STARTED: "Microsoft incident started",
  MICROSOFT_INCIDENT_RESOLVED: "Microsoft incident resolved",
  DELEGATED_ACCESS_EXPIRING: "Delegated access expiring",
  DELEGATED_ACCESS_EXPIRED: "Delegated access expired",
  DELEGATED_ACCESS_TERMINATED: "Delegated access terminated",
} satisfies Record<AlertKind, string>;
const KINDS = Object.keys(KIND_LABELS) as AlertKind[];
const PAGE_SIZE = 25;
type Row = AlertRowFieldsFragment;

/**
 * The alert feed, newest first: filtered by kind, customer and acknowledgement (by the server),
 * paged, with alerts raised while the page is open arriving live over graphql-ws (alertRaised,
 * with the same kind and customer filter) and an acknowledge button on each.
 */
export default function AlertsPage() {
  const [kind, setKind] = useState<AlertKind | "">("");
  const [customerId, setCustomerId] = useState("");
  const [acknowledged, setAcknowledged] = useState<"" | "true" | "false">("");
  const pager = usePager();
  const filter = {
    ...(kind ? { kinds: [kind] } : {}),
    ...(customerId ? { customerId } : {}),
    ...(acknowledged ? { acknowledged: acknowledged === "true" } : {}),
  };
  const list = useQuery(AlertsPageDocument, { filter, first: PAGE_SIZE, after: pager.after });
  const customers = useQuery(DeskCustomersDocument, {});
  // acknowledgedBy is an agent id: shown by name when the agent is known.
  const agents = useQuery(DeskAgentsDocument, {});
  const agentName = (id: string | null | undefined) => agents.data?.agents.find((agent) => agent.id === id)?.displayName ?? id ?? "-";
  const [arrived, setArrived] = useState<Row[]>([]);
  const [changed, setChanged] = useState<Record<string, Row>>({});
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [liveNote, setLiveNote] = useState<string | null>(null);
  const { refetch } = list;
  const refreshAlertCount = useAlertCountRefresh();

  // Alerts raised from now on, for this filter: shown at the top of the first page at once, then
  // the list is read again (total, delivery log). New alerts are unacknowledged.
  const live = JSON.stringify({ customerId: customerId || null, kinds: kind ? [kind] : null, acknowledged });
  useEffect(() => {
    const { customerId: liveCustomer, kinds, acknowledged: ackFilter } = JSON.parse(live) as { customerId: string | null; kinds: AlertKind[] | null; acknowledged: string };
    setArrived([]);
    if (ackFilter === "true") return undefined;
    return subscribe(AlertLiveDocument, { customerId: liveCustomer, kinds }, {
      next: (data) => {
        const alert = data.alertRaised;
        setArrived((list) => [alert, ...list.filter((item) => item.id !== alert.id)]);
        setLiveNote(`New alert: ${alert.title}`);
        void refetch();
      },
      error: (error) => setErrors((list) => (list.some((item) => item.code === error.code && item.message === error.message) ? list : [...list, error])),
    });
  }, [live, refetch]);

  const acknowledge = async (id: string) => {
    setErrors([]);
    try {
      const result = await mutate(AcknowledgeAlertDocument, { id });
      setChanged((map) => ({ ...map, [id]: result.acknowledgeAlert }));
      refreshAlertCount();
      await refetch();
    } catch (error) {
      setErrors([error as ApiError]);
    }
  };

  const listed = (list.data?.alerts.edges ?? []).map((edge) => edge.node);
  const listedIds = new Set(listed.map((row) => row.id));
  const fresh = pager.page === 1 ? arrived.filter((row) => !listedIds.has(row.id)) : [];
  const rows = [...fresh, ...listed].map((row) => changed[row.id] ?? row);
  const newIds = new Set(arrived.map((row) => row.id));
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    pager.reset();
  };

  return (
    <>
      <h1>Alerts</h1>
      <div className="toolbar">
        <label>
          Kind{" "}
          <select value={kind} onChange={(event) => change(setKind)(event.target.value as AlertKind | "")}>
            <option value="">any</option>
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Customer{" "}
          <select value={customerId} onChange={(event) => change(setCustomerId)(event.target.value)}>
            <option value="">any</option>
            {customers.data?.customers.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Acknowledged{" "}
          <select value={acknowledged} onChange={(event) => change(setAcknowledged)(event.target.value as "" | "true" | "false")}>
            <option value="">any</option>
            <option value="false">not yet</option>
            <option value="true">acknowledged</option>
          </select>
        </label>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="alerts-live-note">
        {liveNote ?? ""}
      </p>
      <ErrorList errors={[...list.errors, ...errors]} />
      <ol className="alerts-list" aria-label="Alerts, newest first" aria-busy={list.loading} data-testid="alerts">
        {rows.map((row) => (
          <AlertItem key={row.id} alert={row} acknowledgedBy={agentName(row.acknowledgedBy)} isNew={newIds.has(row.id)} onAcknowledge={() => acknowledge(row.id)} />
        ))}
      </ol>
      {list.data && rows.length === 0 ? <p>No alerts.</p> : null}
      {list.data ? (
        <Pager label="Alerts" page={pager.page} hasNextPage={list.data.alerts.pageInfo.hasNextPage} totalCount={list.data.alerts.totalCount} onNext={() => pager.next(list.data?.alerts.pageInfo.endCursor)} onPrevious={pager.previous} />
      ) : null}
    </>
  );
}

function AlertItem({ alert, acknowledgedBy, isNew, onAcknowledge }: { alert: Row; acknowledgedBy: string; isNew: boolean; onAcknowledge: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const headingId = `alert-${alert.id}`;
  const delivered = alert.deliveries.filter((delivery) => delivery.status === "DELIVERED").length;
  const pending = alert.deliveries.filter((delivery) => delivery.status === "PENDING").length;
  const failed = alert.deliveries.filter((delivery) => delivery.status === "FAILED").length;
  return (
    <li className={`panel alert-item${alert.acknowledgedAt ? " acknowledged" : ""}`} aria-labelledby={headingId} data-alert-id={alert.id} data-kind={alert.kind}>
      <div>
        <h2 id={headingId}>
          <span className={`severity severity-${alert.severity.toLowerCase()}`}>{words(alert.severity)}</span>
          {alert.title}
          {isNew ? <span className="badge new">new</span> : null}
        </h2>
        <p>{alert.summary}</p>
        <p className="muted">
          {KIND_LABELS[alert.kind]} - <Link to={`/customers/${encodeURIComponent(alert.customerId)}`}>{alert.customerName ?? alert.customerId}</Link>
          {alert.ticket ? (
            <>
              {" - "}
              <Link to={`/desk/tickets/${encodeURIComponent(alert.ticket.id)}`}>{alert.ticket.title}</Link> <span className="state">{alert.ticket.state}</span>
            </>
          ) : null}
        </p>
        <p className="muted">
          Deliveries:{" "}
          {alert.deliveries.length === 0
            ? "none recorded"
            : [delivered ? `${delivered} delivered` : null, pending ? `${pending} pending` : null, failed ? `${failed} failed` : null].filter(Boolean).join(", ")}
        </p>
      </div>
      <div className="alert-side">
        <p>
          <time dateTime={alert.occurredAt}>{formatTime(alert.occurredAt)}</time>
        </p>
        {alert.acknowledgedAt ? (
          <p data-testid="acknowledged">
            Acknowledged by {acknowledgedBy}, {formatTime(alert.acknowledgedAt)}
          </p>
        ) : (
          <button
            type="button"
            disabled={busy}
            aria-describedby={headingId}
            onClick={() => {
              setBusy(true);
              void onAcknowledge().finally(() => setBusy(false));
            }}
          >
            Acknowledge
          </button>
        )}
      </div>
    </li>
  );
}
