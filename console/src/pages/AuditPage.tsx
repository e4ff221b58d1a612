import { useState } from "react";
import { Link } from "react-router-dom";
import { downloadExport, type ApiError } from "../api/graphql-client";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatTime, words } from "../components/format";
import { Pager, usePager } from "../components/Pager";
import { AuditLogDocument, type TicketEventType } from "../generated/graphql";

const EVENT_TYPES: TicketEventType[] = ["OPEN", "START_DIAGNOSIS", "ESCALATE", "MARK_FILED", "REQUIRE_PORTAL_FILING", "PROPOSE_RESOLUTION", "CONFIRM_RESOLUTION", "CLOSE", "REOPEN", "CANCEL"];

/** The audit event log (support leads) with filters, paging and the NDJSON / CSV exports. */
export default function AuditPage() {
  const [ticketId, setTicketId] = useState("");
  const [actorId, setActorId] = useState("");
  const [eventType, setEventType] = useState<TicketEventType | "">("");
  const [from, setFrom] = useState("");
  const [exportErrors, setExportErrors] = useState<ApiError[]>([]);
  const pager = usePager();
  const filter = {
    ...(ticketId.trim() ? { ticketId: ticketId.trim() } : {}),
    ...(actorId.trim() ? { actorId: actorId.trim() } : {}),
    ...(eventType ? { eventTypes: [eventType] } : {}),
    ...(from ? { from: new Date(from).toISOString() } : {}),
  };
  const log = useQuery(AuditLogDocument, { filter, first: 25, after: pager.after });
  const query = new URLSearchParams(Object.entries(filter).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : String(value)]));
  const download = (format: "ndjson" | "csv") => {
    setExportErrors([]);
    downloadExport(`/exports/audit.${format}?${query.toString()}`, `audit.${format}`).catch((error: ApiError) => setExportErrors([error]));
  };
  return (
    <>
      <h1>Audit</h1>
      <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Audit filters">
        <label>
          Ticket id <input value={ticketId} onChange={(event) => (setTicketId(event.target.value), pager.reset())} />
        </label>
        <label>
          Actor id <input value={actorId} onChange={(event) => (setActorId(event.target.value), pager.reset())} placeholder="agent-hugo, system:..." />
        </label>
        <label>
          Event{" "}
          <select value={eventType} onChange={(event) => (setEventType(event.target.value as TicketEventType | ""), pager.reset())}>
            <option value="">any</option>
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {words(type)}
              </option>
            ))}
          </select>
        </label>
        <label>
          From <input type="datetime-local" value={from} onChange={(event) => (setFrom(event.target.value), pager.reset())} />
        </label>
        <button type="button" onClick={() => download("ndjson")}>
          Export NDJSON
        </button>
        <button type="button" onClick={() => download("csv")}>
          Export CSV
        </button>
      </form>
      <ErrorList errors={[...log.errors, ...exportErrors]} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Ticket</th>
              <th scope="col">#</th>
              <th scope="col">Event</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Actor</th>
            </tr>
          </thead>
          <tbody>
            {log.data?.auditEvents.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{formatTime(node.at)}</td>
                <td>
                  <Link to={`/audit/tickets/${encodeURIComponent(node.ticketId)}`}>{node.ticketId}</Link>
                </td>
                <td>{node.sequence}</td>
                <td>{words(node.type)}</td>
                <td>{node.fromState}</td>
                <td>{node.toState}</td>
                <td>
                  {node.actor.displayName} <span className="role">{node.actor.role}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {log.data ? (
        <Pager label="Audit events" page={pager.page} hasNextPage={log.data.auditEvents.pageInfo.hasNextPage} totalCount={log.data.auditEvents.totalCount} onNext={() => pager.next(log.data?.auditEvents.pageInfo.endCursor)} onPrevious={pager.previous} />
      ) : null}
    </>
  );
}
