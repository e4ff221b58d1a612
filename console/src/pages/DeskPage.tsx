import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { mutate, subscribe, type ApiError } from "../api/graphql-client";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatTime, words } from "../components/format";
import { Pager, usePager } from "../components/Pager";
import {
  DeskCountsDocument,
  DeskCustomersDocument,
  DeskTicketsDocument,
  OpenTicketDocument,
  TicketLiveDocument,
  type DeskCountsQuery,
  type DeskTicketsQuery,
  type Product,
  type Severity,
  type TicketCategory,
  type TicketState,
} from "../generated/graphql";

const TABS: { key: keyof DeskCountsQuery; label: string; state: TicketState | null }[] = [
  { key: "all", label: "All", state: null },
  { key: "intake", label: "Intake", state: "INTAKE" },
  { key: "diagnosis", label: "Diagnosis", state: "DIAGNOSIS" },
  { key: "awaitingCustomer", label: "Awaiting customer", state: "AWAITING_CUSTOMER" },
  { key: "escalated", label: "Escalated", state: "ESCALATED" },
  { key: "resolution", label: "Resolution", state: "RESOLUTION" },
  { key: "resolved", label: "Resolved", state: "RESOLVED" },
  { key: "closed", label: "Closed", state: "CLOSED" },
  { key: "cancelled", label: "Cancelled", state: "CANCELLED" },
];
const SEVERITIES: Severity[] = ["CRITICAL", "MODERATE", "MINIMAL"];
type Row = DeskTicketsQuery["tickets"]["edges"][number]["node"];
type SortKey = "updatedAt" | "createdAt" | "severity" | "title";

/** The desk: tabs with counts per state, the ticket list (filtered, sorted, paged), a new-ticket form. */
export function DeskPage() {
  const [tab, setTab] = useState<TicketState | null>(null);
  const [severity, setSeverity] = useState<Severity | "">("");
  const [customerId, setCustomerId] = useState("");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<SortKey>("updatedAt");
  const pager = usePager();
  const filter = { ...(tab ? { state: [tab] } : {}), ...(severity ? { severity: [severity] } : {}), ...(customerId ? { customerId } : {}) };
  const counts = useQuery(DeskCountsDocument, { customerId: customerId || null });
  const list = useQuery(DeskTicketsDocument, { filter, first: 25, after: pager.after });
  const customers = useQuery(DeskCustomersDocument, {});

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

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const found = (list.data?.tickets.edges ?? []).map((edge) => edge.node).filter((row) => needle === "" || `${row.title} ${row.customer.name} ${row.id}`.toLowerCase().includes(needle));
    return [...found].sort(compareBy(sort));
  }, [list.data, search, sort]);

  return (
    <>
      <h1>Desk</h1>
      <div className="tabs" role="tablist" aria-label="Tickets by state">
        {TABS.map((item) => (
          <button
            key={item.key}
            type="button"
            role="tab"
            aria-selected={tab === item.state}
            className={tab === item.state ? "tab active" : "tab"}
            onClick={() => {
              setTab(item.state);
              pager.reset();
            }}
          >
            {item.label} <span className="count">{counts.data ? counts.data[item.key].totalCount : "..."}</span>
          </button>
        ))}
      </div>
      <div className="toolbar">
        <label>
          Search this page <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="title, customer, id" />
        </label>
        <label>
          Severity{" "}
          <select value={severity} onChange={(event) => (setSeverity(event.target.value as Severity | ""), pager.reset())}>
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
          <select value={customerId} onChange={(event) => (setCustomerId(event.target.value), pager.reset())}>
            <option value="">any</option>
            {customers.data?.customers.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by{" "}
          <select value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
            <option value="updatedAt">last change</option>
            <option value="createdAt">opened</option>
            <option value="severity">severity</option>
            <option value="title">title</option>
          </select>
        </label>
      </div>
      <ErrorList errors={[...counts.errors, ...list.errors]} />
      <div className="table-wrap">
        <table className="tickets">
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

const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, MODERATE: 1, MINIMAL: 2 };
function compareBy(key: SortKey): (a: Row, b: Row) => number {
  if (key === "severity") return (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (key === "title") return (a, b) => a.title.localeCompare(b.title);
  return (a, b) => b[key].localeCompare(a[key]);
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
