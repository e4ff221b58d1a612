import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { mutate, subscribe, type ApiError } from "../api/graphql-client";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatTime, words } from "../components/format";
import { Pager, usePager } from "../components/Pager";
import { useDebounced } from "../components/use-debounced";
import {
  DeskAgentsDocument,
  DeskCountsDocument,
  DeskCustomersDocument,
  DeskTicketsDocument,
  OpenTicketDocument,
  TicketLiveDocument,
  type Product,
  type Severity,
  type SortDirection,
  type TicketCategory,
  type TicketFilter,
  type TicketOrderField,
  type TicketState,
} from "../generated/graphql";

const TABS: { label: string; state: TicketState | null }[] = [
  { label: "All", state: null },
  { label: "Intake", state: "INTAKE" },
  { label: "Diagnosis", state: "DIAGNOSIS" },
  { label: "Awaiting customer", state: "AWAITING_CUSTOMER" },
  { label: "Escalated", state: "ESCALATED" },
  { label: "Resolution", state: "RESOLUTION" },
  { label: "Resolved", state: "RESOLVED" },
  { label: "Closed", state: "CLOSED" },
  { label: "Cancelled", state: "CANCELLED" },
];
const SEVERITIES: Severity[] = ["CRITICAL", "MODERATE", "MINIMAL"];
/** The server's orders (TicketOrderField); ties are broken by id there, so pages are stable. */
const SORTS: { value: string; label: string; field: TicketOrderField; direction: SortDirection }[] = [
  { value: "UPDATED_AT:DESC", label: "last change, newest first", field: "UPDATED_AT", direction: "DESC" },
  { value: "UPDATED_AT:ASC", label: "last change, oldest first", field: "UPDATED_AT", direction: "ASC" },
  { value: "CREATED_AT:DESC", label: "opened, newest first", field: "CREATED_AT", direction: "DESC" },
  { value: "CREATED_AT:ASC", label: "opened, oldest first", field: "CREATED_AT", direction: "ASC" },
  { value: "SEVERITY:DESC", label: "severity, critical first", field: "SEVERITY", direction: "DESC" },
  { value: "SLA_DUE:ASC", label: "SLA due, soonest first", field: "SLA_DUE", direction: "ASC" },
];
const PAGE_SIZE = 25;

/** A date input (local day) as the instant it starts, for createdFrom / createdTo. */
const dayStart = (value: string, plusDays = 0): string | null => {
  if (!value) return null;
  const day = new Date(`${value}T00:00:00`);
  day.setDate(day.getDate() + plusDays);
  return day.toISOString();
};

/**
 * The desk: tabs with the server's counts per state (ticketCounts, same filter as the list), the
 * ticket list searched, filtered, sorted and paged by the server, a new-ticket form.
 */
export function DeskPage() {
  const [tab, setTab] = useState<TicketState | null>(null);
  const [severity, setSeverity] = useState<Severity | "">("");
  const [customerId, setCustomerId] = useState("");
  const [assignee, setAssignee] = useState("");
  const [breached, setBreached] = useState<"" | "true" | "false">("");
  const [createdFrom, setCreatedFrom] = useState("");
  const [createdTo, setCreatedTo] = useState("");
  const [searchText, setSearchText] = useState("");
  const [sort, setSort] = useState(SORTS[0]!.value);
  const pager = usePager();
  const search = useDebounced(searchText.trim(), 300);
  const { reset } = pager;
  // A new search is a new list: back to its first page.
  useEffect(() => reset(), [search, reset]);

  // Everything but the state: the tabs count within it, the list narrows it to the chosen tab.
  const base: TicketFilter = {
    ...(severity ? { severity: [severity] } : {}),
    ...(customerId ? { customerId } : {}),
    ...(assignee === "UNASSIGNED" ? { unassigned: true } : assignee ? { assigneeId: assignee } : {}),
    ...(breached ? { breached: breached === "true" } : {}),
    ...(createdFrom ? { createdFrom: dayStart(createdFrom) } : {}),
    ...(createdTo ? { createdTo: dayStart(createdTo, 1) } : {}),
    ...(search ? { search } : {}),
  };
  const order = SORTS.find((item) => item.value === sort) ?? SORTS[0]!;
  const counts = useQuery(DeskCountsDocument, { filter: base });
  const list = useQuery(DeskTicketsDocument, { filter: { ...base, ...(tab ? { state: [tab] } : {}) }, orderBy: { field: order.field, direction: order.direction }, first: PAGE_SIZE, after: pager.after });
  const customers = useQuery(DeskCustomersDocument, {});
  const agents = useQuery(DeskAgentsDocument, {});

  // Someone else's change: refresh the counts and the list (live over graphql-ws).
  const { refetch: refetchList } = list;
  const { refetch: refetchCounts } = counts;
  useEffect(
    () =>
      subscribe(TicketLiveDocument, { ticketId: null }, {
        next: () => {
          void refetchList();
          void refetchCounts();
        },
      }),
    [refetchList, refetchCounts],
  );

  const countOf = (state: TicketState | null): number | undefined => {
    const data = counts.data?.ticketCounts;
    if (!data) return undefined;
    return state === null ? data.total : (data.byState.find((row) => row.state === state)?.count ?? 0);
  };
  const rows = (list.data?.tickets.edges ?? []).map((edge) => edge.node);
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    pager.reset();
  };

  return (
    <>
      <h1>Desk</h1>
      <div className="tabs" role="tablist" aria-label="Tickets by state">
        {TABS.map((item) => (
          <button
            key={item.label}
            type="button"
            role="tab"
            aria-selected={tab === item.state}
            className={tab === item.state ? "tab active" : "tab"}
            data-state={item.state ?? "ALL"}
            onClick={() => change(setTab)(item.state)}
          >
            {item.label} <span className="count">{countOf(item.state) ?? "..."}</span>
          </button>
        ))}
      </div>
      <div className="toolbar">
        <label>
          Search <input type="search" value={searchText} onChange={(event) => setSearchText(event.target.value)} placeholder="words in title or description" />
        </label>
        <label>
          Severity{" "}
          <select value={severity} onChange={(event) => change(setSeverity)(event.target.value as Severity | "")}>
            <option value="">any</option>
            {SEVERITIES.map((value) => (
              <option key={value} value={value}>
                {words(value)}
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
          Assignee{" "}
          <select value={assignee} onChange={(event) => change(setAssignee)(event.target.value)}>
            <option value="">anyone</option>
            <option value="UNASSIGNED">unassigned</option>
            {agents.data?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          SLA{" "}
          <select value={breached} onChange={(event) => change(setBreached)(event.target.value as "" | "true" | "false")}>
            <option value="">any</option>
            <option value="true">breached</option>
            <option value="false">not breached</option>
          </select>
        </label>
        <label>
          Opened from <input type="date" value={createdFrom} onChange={(event) => change(setCreatedFrom)(event.target.value)} />
        </label>
        <label>
          Opened until <input type="date" value={createdTo} onChange={(event) => change(setCreatedTo)(event.target.value)} />
        </label>
        <label>
          Sort by{" "}
          <select value={sort} onChange={(event) => change(setSort)(event.target.value)}>
            {SORTS.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorList errors={[...counts.errors, ...list.errors, ...agents.errors]} />
      <div className="table-wrap">
        <table className="tickets" aria-busy={list.loading}>
          <caption className="visually-hidden">Tickets</caption>
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">Customer</th>
              <th scope="col">State</th>
              <th scope="col">Severity</th>
              <th scope="col">Assignee</th>
              <th scope="col">SLA</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-ticket-id={row.id}>
                <td>
                  <Link to={`/desk/tickets/${encodeURIComponent(row.id)}`}>{row.title}</Link>
                </td>
                <td>{row.customer.name}</td>
                <td>
                  <span className={`state state-${row.state.toLowerCase()}`}>{row.stateValue}</span>
                </td>
                <td>{words(row.severity)}</td>
                <td>{row.assignee?.displayName ?? "-"}</td>
                <td>{row.sla.breached ? <span className="badge breach">breached</span> : row.sla.clockStopped ? "stopped" : row.sla.clockPaused ? "paused" : "running"}</td>
                <td>{formatTime(row.updatedAt)}</td>
              </tr>
            ))}
            {list.data && rows.length === 0 ? (
              <tr>
                <td colSpan={7}>No tickets.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {list.data ? (
        <Pager label="Tickets" page={pager.page} hasNextPage={list.data.tickets.pageInfo.hasNextPage} totalCount={list.data.tickets.totalCount} onNext={() => pager.next(list.data?.tickets.pageInfo.endCursor)} onPrevious={pager.previous} />
      ) : null}
      <OpenTicketForm customers={customers.data?.customers.edges.map((edge) => edge.node) ?? []} onOpened={() => (void refetchList(), void refetchCounts())} />
    </>
  );
}

function OpenTicketForm({ customers, onOpened }: { customers: { id: string; name: string }[]; onOpened: () => void }) {
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [opened, setOpened] = useState<string | null>(null);
  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    setErrors([]);
    try {
      const result = await mutate(OpenTicketDocument, {
        idempotencyKey: crypto.randomUUID(),
        input: {
          customerId: String(data.get("customerId")),
          title: String(data.get("title")),
          description: String(data.get("description")),
          product: String(data.get("product")) as Product,
          severity: String(data.get("severity")) as Severity,
          category: String(data.get("category")) as TicketCategory,
        },
      });
      setOpened(result.openTicket.id);
      form.reset();
      onOpened();
    } catch (error) {
      setErrors([error as ApiError]);
    }
  }
  return (
    <details className="panel">
      <summary>Open a ticket</summary>
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label>
          Customer
          <select name="customerId" required>
            {customers.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title <input name="title" required maxLength={200} />
        </label>
        <label className="wide">
          Description <textarea name="description" required rows={3} />
        </label>
        <label>
          Product
          <select name="product">
            {["MICROSOFT_365", "AZURE", "DYNAMICS_365", "OTHER"].map((value) => (
              <option key={value} value={value}>
                {words(value)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity
          <select name="severity" defaultValue="MODERATE">
            {SEVERITIES.map((value) => (
              <option key={value} value={value}>
                {words(value)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select name="category">
            {["TECHNICAL", "BILLING", "SUBSCRIPTION_MANAGEMENT"].map((value) => (
              <option key={value} value={value}>
                {words(value)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Open ticket</button>
      </form>
      <ErrorList errors={errors} />
      {opened ? (
        <p role="status">
          Opened <Link to={`/desk/tickets/${encodeURIComponent(opened)}`}>{opened}</Link>.
        </p>
      ) : null}
    </details>
  );
}
