import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { downloadExport, type ApiError } from "../api/graphql-client";
import { useQuery } from "../api/use-query";
import { withCurrentState } from "../audit/current-state";
import { verifyHistory, type EventVerdict } from "../audit/verify-history";
import { ErrorList } from "../components/ErrorList";
import { formatDuration, formatTime, words } from "../components/format";
import { MermaidDiagram } from "../components/MermaidDiagram";
import { AuditTicketDocument } from "../generated/graphql";

/**
 * A ticket's lifecycle for a support lead: time per state and the SLA on a timeline, the
 * statechart with this ticket's path (visited) and current state highlighted, and the browser's
 * own verification of every audit event (hash chain and replay through the machine).
 */
export default function AuditTicketPage() {
  const { id = "" } = useParams();
  const result = useQuery(AuditTicketDocument, { id });
  const [verdicts, setVerdicts] = useState<EventVerdict[] | null>(null);
  const [exportErrors, setExportErrors] = useState<ApiError[]>([]);
  const ticket = result.data?.ticket;
  const workflow = result.data?.ticketWorkflow;
  useEffect(() => {
    if (!ticket || !workflow) return;
    void verifyHistory(
      ticket.history.edges.map((edge) => edge.node),
      workflow.transitions,
    ).then(setVerdicts);
  }, [ticket, workflow]);

  if (result.loading && !ticket) return <p role="status">Loading...</p>;
  if (!ticket || !workflow) {
    return (
      <>
        <h1>Audit: {id}</h1>
        <ErrorList errors={result.errors} />
      </>
    );
  }
  const events = ticket.history.edges.map((edge) => edge.node);
  const verified = verdicts !== null && verdicts.length === events.length && verdicts.every((verdict) => verdict.chain.ok && verdict.replay.ok);
  const complete = !ticket.history.pageInfo.hasNextPage;
  const totalSeconds = ticket.sla.timeInStates.reduce((sum, item) => sum + item.seconds, 0);
  return (
    <>
      <p className="crumbs">
        <Link to="/audit">Audit</Link> / {ticket.id}
      </p>
      <h1>
        {ticket.title} <span className={`state state-${ticket.state.toLowerCase()}`}>{ticket.stateValue}</span>
      </h1>
      <ErrorList errors={[...result.errors, ...exportErrors]} />
      <p className={verified ? "verdict ok" : "verdict bad"} role="status" data-testid="verification">
        {verdicts === null
          ? "Verifying..."
          : verified
            ? `Verified: ${events.length} events, hash chain intact and every step a transition of machine v${workflow.version}${complete ? "" : " (first page of the history only)"}.`
            : `NOT verified: ${verdicts.filter((verdict) => !verdict.chain.ok || !verdict.replay.ok).length} of ${events.length} events fail.`}
      </p>
      <div className="ticket-layout">
        <section className="panel" aria-labelledby="time-in-state">
          <h2 id="time-in-state">Time in each state</h2>
          <p className="muted">Wall clock; {formatDuration(ticket.sla.resolutionServiceSeconds)} counted in service hours towards resolution.</p>
          <div className="bars">
            {ticket.sla.timeInStates.map((item) => (
              <div key={item.state} className="bar-row">
                <span className="bar-label">{item.state}</span>
                <span className="bar" style={{ width: `${totalSeconds > 0 ? Math.max(2, (item.seconds / totalSeconds) * 100) : 0}%` }} aria-hidden="true" />
                <span className="bar-value">{formatDuration(item.seconds)}</span>
              </div>
            ))}
          </div>
        </section>
        <section className="panel" aria-labelledby="sla">
          <h2 id="sla">SLA (policy v{ticket.sla.policyVersion})</h2>
          <dl className="facts">
            <dt>First response due</dt>
            <dd>{formatTime(ticket.sla.firstResponseDueAt)}</dd>
            <dt>First response</dt>
            <dd>
              {formatTime(ticket.sla.firstRespondedAt)} {ticket.sla.firstResponseBreached ? <span className="badge breach">breached</span> : null}
            </dd>
            <dt>Resolution due</dt>
            <dd>{ticket.sla.clockPaused ? "paused" : formatTime(ticket.sla.resolutionDueAt)}</dd>
            <dt>Resolved</dt>
            <dd>
              {formatTime(ticket.sla.resolvedAt)} {ticket.sla.resolutionBreached ? <span className="badge breach">breached</span> : null}
            </dd>
          </dl>
          <h3>Breaches</h3>
          {ticket.sla.breaches.length === 0 ? <p>None recorded.</p> : null}
          <ul>
            {ticket.sla.breaches.map((breach) => (
              <li key={breach.kind}>
                {words(breach.kind)}: due {formatTime(breach.dueAt)}, detected {formatTime(breach.detectedAt)}
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              setExportErrors([]);
              downloadExport(`/exports/audit.ndjson?ticketId=${encodeURIComponent(ticket.id)}`, `audit-${ticket.id}.ndjson`).catch((error: ApiError) => setExportErrors([error]));
            }}
          >
            Export this ticket's events (NDJSON)
          </button>
        </section>
        <section className="panel wide" aria-labelledby="statechart">
          <h2 id="statechart">Path through the workflow</h2>
          <p className="muted">Visited states are highlighted; the current state is outlined.</p>
          <MermaidDiagram text={withCurrentState(ticket.diagram, workflow.states, ticket.stateValue)} label={`Ticket workflow with the path of ${ticket.id}, now in ${ticket.stateValue}`} />
        </section>
        <section className="panel wide" aria-labelledby="events">
          <h2 id="events">Lifecycle</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Audit events of this ticket with their verification</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Chain</th>
                  <th scope="col">Replay</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event, index) => {
                  const verdict = verdicts?.[index];
                  return (
                    <tr key={event.id} data-testid="audit-event">
                      <td>{event.sequence}</td>
                      <td>{formatTime(event.at)}</td>
                      <td>{words(event.type)}</td>
                      <td>{event.fromState}</td>
                      <td>{event.toState}</td>
                      <td>{event.actor.displayName}</td>
                      <td className={verdict?.chain.ok ? "ok" : "bad"} title={event.hash}>
                        {verdict ? (verdict.chain.ok ? "ok" : verdict.chain.reason) : "..."}
                      </td>
                      <td className={verdict?.replay.ok ? "ok" : "bad"}>{verdict ? (verdict.replay.ok ? "ok" : verdict.replay.reason) : "..."}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
