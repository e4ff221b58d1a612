import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { mutate, subscribe, type ApiError } from "../api/graphql-client";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatTime, words } from "../components/format";
import {
  EscalateToMicrosoftDocument,
  EscalationOptionsDocument,
  LinkIncidentDocument,
  TicketLiveDocument,
  TicketPageDocument,
  type Severity,
  type SupportVehicle,
  type TicketPageQuery,
} from "../generated/graphql";
import { useSession } from "../session";
import { TICKET_ACTIONS, type TicketAction } from "./ticket-actions";
import { TicketTimeline } from "./TicketTimeline";

type Ticket = NonNullable<TicketPageQuery["ticket"]>;

/** One ticket: details, SLA, timeline, the actions its state allows, incidents and the escalation. */
export function TicketPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const ticket = useQuery(TicketPageDocument, { id });
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [liveNote, setLiveNote] = useState<string | null>(null);
  const { refetch } = ticket;

  useEffect(
    () =>
      subscribe(TicketLiveDocument, { ticketId: id }, {
        next: (data) => {
          const event = data.ticketEvents;
          if (event.actor.id !== session.agent.id) setLiveNote(`${event.actor.displayName}: ${words(event.type)} (now ${event.toState}), ${formatTime(event.at)}`);
          void refetch();
        },
        error: (error) => setErrors([error]),
      }),
    [id, refetch, session.agent.id],
  );

  const run = async (work: () => Promise<unknown>) => {
    setErrors([]);
    try {
      await work();
    } catch (error) {
      setErrors([error as ApiError]);
    }
    await refetch();
  };

  const data = ticket.data?.ticket;
  if (ticket.loading && !data) return <p role="status">Loading...</p>;
  if (!data) {
    return (
      <>
        <h1>Ticket {id}</h1>
        <ErrorList errors={ticket.errors} />
        {ticket.errors.length === 0 ? <p>No such ticket.</p> : null}
      </>
    );
  }
  const offered = data.availableEvents.flatMap((event) => {
    const action = TICKET_ACTIONS[event];
    return action ? [{ event, action }] : [];
  });
  return (
    <>
      <p className="crumbs">
        <Link to="/desk">Desk</Link> / {data.id}
      </p>
      <h1>{data.title}</h1>
      {liveNote ? (
        <p className="live-note" role="status" data-testid="live-note">
          Changed by {liveNote}
        </p>
      ) : null}
      <ErrorList errors={[...errors, ...ticket.errors]} />
      <div className="ticket-layout">
        <section className="panel" aria-labelledby="details">
          <h2 id="details">Details</h2>
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <span className={`state state-${data.state.toLowerCase()}`} data-testid="ticket-state">
                {data.stateValue}
              </span>
            </dd>
            <dt>Customer</dt>
            <dd>{data.customer.name}</dd>
            <dt>Product</dt>
            <dd>{words(data.product)}</dd>
            <dt>Severity</dt>
            <dd>{words(data.severity)}</dd>
            <dt>Category</dt>
            <dd>{words(data.category)}</dd>
            <dt>Assignee</dt>
            <dd>{data.assignee?.displayName ?? "-"}</dd>
            <dt>Opened</dt>
            <dd>{formatTime(data.createdAt)}</dd>
            <dt>Version</dt>
            <dd>{data.version}</dd>
          </dl>
          <p className="description">{data.description}</p>
          <h3>SLA (policy v{data.sla.policyVersion})</h3>
          <dl className="facts">
            <dt>First response due</dt>
            <dd>
              {formatTime(data.sla.firstResponseDueAt)} {data.sla.firstResponseBreached ? <span className="badge breach">breached</span> : null}
            </dd>
            <dt>First response</dt>
            <dd>{formatTime(data.sla.firstRespondedAt)}</dd>
            <dt>Resolution due</dt>
            <dd>
              {data.sla.clockPaused ? "paused" : formatTime(data.sla.resolutionDueAt)} {data.sla.resolutionBreached ? <span className="badge breach">breached</span> : null}
            </dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="actions">
          <h2 id="actions">Actions</h2>
          {offered.length === 0 ? <p>No action is open to you in this state.</p> : null}
          <div className="actions">
            {offered.map(({ event, action }) => (
              <ActionControl key={event} action={action} onRun={(input) => run(() => mutate(action.document, { id: data.id, expectedVersion: data.version, ...input } as never))} />
            ))}
          </div>
          {data.availableEvents.includes("ESCALATE") ? <EscalateForm ticket={data} onEscalate={(input) => run(() => mutate(EscalateToMicrosoftDocument, { id: data.id, expectedVersion: data.version, input }))} /> : null}
        </section>
        <EscalationPanel ticket={data} />
        <section className="panel" aria-labelledby="incidents">
          <h2 id="incidents">Incidents</h2>
          <h3>Linked</h3>
          {data.linkedIncidents === null || data.linkedIncidents === undefined ? <p>Service health could not be read.</p> : data.linkedIncidents.length === 0 ? <p>None.</p> : null}
          <ul>
            {data.linkedIncidents?.map((incident) => (
              <li key={incident.id}>
                {incident.id}: {incident.title} ({words(incident.status)})
              </li>
            ))}
          </ul>
          <h3>Suggested</h3>
          {data.suggestedIncidents?.length === 0 ? <p>None.</p> : null}
          <ul>
            {data.suggestedIncidents?.map((incident) => (
              <li key={incident.id}>
                {incident.id}: {incident.title} ({incident.service}, {words(incident.status)}){" "}
                {data.availableEvents.includes("LINK_INCIDENT") ? (
                  <button type="button" onClick={() => void run(() => mutate(LinkIncidentDocument, { id: data.id, expectedVersion: data.version, incidentId: incident.id }))}>
                    Link {incident.id}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel wide" aria-labelledby="timeline">
          <h2 id="timeline">Timeline</h2>
          <TicketTimeline key={data.id} ticketId={data.id} version={data.version} />
        </section>
      </div>
    </>
  );
}

function ActionControl({ action, onRun }: { action: TicketAction; onRun: (input: Record<string, string>) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const go = async (input: Record<string, string>) => {
    setBusy(true);
    await onRun(input);
    setBusy(false);
    setOpen(false);
    setText("");
  };
  if (!action.input) {
    return (
      <button type="button" disabled={busy} onClick={() => void go({})}>
        {action.label}
      </button>
    );
  }
  const input = action.input;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {action.label}...
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void go({ [input.name]: text });
      }}
    >
      <label>
        {input.label} <input value={text} onChange={(event) => setText(event.target.value)} required autoFocus />
      </label>
      <button type="submit" disabled={busy}>
        {action.label}
      </button>
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

function EscalateForm({ ticket, onEscalate }: { ticket: Ticket; onEscalate: (input: { supportTopicId: string; vehicle: SupportVehicle; severity: Severity }) => Promise<void> }) {
  const options = useQuery(EscalationOptionsDocument, { product: ticket.product });
  const vehicles = options.data?.supportVehicles.filter((item) => item.entitled && item.categories.includes(ticket.category)) ?? [];
  return (
    <details className="escalate">
      <summary>Escalate to Microsoft...</summary>
      <ErrorList errors={options.errors} />
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          void onEscalate({ supportTopicId: String(form.get("topic")), vehicle: String(form.get("vehicle")) as SupportVehicle, severity: String(form.get("severity")) as Severity });
        }}
      >
        <label>
          Support topic
          <select name="topic" required>
            {options.data?.supportTopics.map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Support vehicle
          <select name="vehicle" required>
            {vehicles.map((item) => (
              <option key={item.vehicle} value={item.vehicle}>
                {words(item.vehicle)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity
          <select name="severity" defaultValue={ticket.severity}>
            {["CRITICAL", "MODERATE", "MINIMAL"].map((value) => (
              <option key={value} value={value}>
                {words(value)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!options.data || vehicles.length === 0}>
          Escalate
        </button>
      </form>
    </details>
  );
}

function EscalationPanel({ ticket }: { ticket: Ticket }) {
  const escalation = ticket.escalation;
  const [copied, setCopied] = useState(false);
  if (!escalation) return null;
  const packet = escalation.casePacket;
  const packetText = packet ? `${packet.title}\n\nSeverity: ${packet.severity}\nSupport topic: ${packet.supportTopic?.name ?? "-"}\nContact: ${packet.contact ?? "-"}\n\n${packet.description}` : "";
  return (
    <section className="panel" aria-labelledby="escalation">
      <h2 id="escalation">Escalation</h2>
      <dl className="facts">
        <dt>Vehicle</dt>
        <dd>{words(escalation.vehicle)}</dd>
        <dt>Channel</dt>
        <dd>{words(escalation.channel)}</dd>
        <dt>Support topic</dt>
        <dd>{escalation.supportTopic?.name ?? escalation.supportTopicId}</dd>
        <dt>Service request</dt>
        <dd data-testid="service-request">{escalation.serviceRequestId ?? "not filed yet"}</dd>
        <dt>Request status</dt>
        <dd>{escalation.serviceRequestStatus ? words(escalation.serviceRequestStatus) : "-"}</dd>
        <dt>Filed</dt>
        <dd>{formatTime(escalation.filedAt)}</dd>
        <dt>Last synced</dt>
        <dd>{formatTime(escalation.lastSyncedAt)}</dd>
      </dl>
      {escalation.lastError ? <p className="error">Last error: {escalation.lastError}</p> : null}
      <h3>Messages with Microsoft</h3>
      {escalation.messages.length === 0 ? <p>None yet.</p> : null}
      <ol className="messages" data-testid="escalation-messages">
        {escalation.messages.map((message) => (
          <li key={message.id} className={message.direction === "FROM_MICROSOFT" ? "from-microsoft" : "to-microsoft"} data-direction={message.direction}>
            <span className="message-head">
              <strong>{message.direction === "FROM_MICROSOFT" ? "Microsoft" : `${message.author.displayName} to Microsoft`}</strong> <time dateTime={message.at}>{formatTime(message.at)}</time>
            </span>
            <p className="message-text">{message.text}</p>
          </li>
        ))}
      </ol>
      {packet ? (
        <div className="case-packet">
          <h3>Case packet: file it through the portal</h3>
          <pre data-testid="case-packet">{packetText}</pre>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(packetText).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy case packet"}
          </button>{" "}
          <a href={packet.portalUrl} target="_blank" rel="noreferrer noopener">
            Open the Partner Center portal
          </a>
        </div>
      ) : null}
    </section>
  );
}
