import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { useMemo, useState } from "react";
import { Bar, Line } from "react-chartjs-2";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatDuration, percent, words } from "../components/format";
import { MetricsPageDocument, type MetricsGroupFieldsFragment, type MetricsPageQuery } from "../generated/graphql";

// Only the parts the bar and line charts use (chart.js is tree-shaken; this page is its own lazy chunk).
ChartJS.register(BarElement, CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend);

const PERIODS = { "7": "last 7 days", "30": "last 30 days", "90": "last 90 days" } as const;

/** Lifecycle and SLA figures of the tickets opened in a period, as charts with the numbers beside. */
export default function MetricsPage() {
  const [days, setDays] = useState<keyof typeof PERIODS>("30");
  const range = useMemo(() => {
    const to = new Date(Date.now() + 60_000);
    return { from: new Date(to.getTime() - Number(days) * 86_400_000).toISOString(), to: to.toISOString() };
  }, [days]);
  const result = useQuery(MetricsPageDocument, range);
  const metrics = result.data?.ticketMetrics;
  return (
    <>
      <h1>Metrics</h1>
      <div className="toolbar">
        <label>
          Tickets opened in the{" "}
          <select value={days} onChange={(event) => setDays(event.target.value as keyof typeof PERIODS)}>
            {Object.entries(PERIODS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorList errors={result.errors} />
      {metrics ? (
        <>
          <dl className="kpis" data-testid="kpis">
            <div>
              <dt>Tickets</dt>
              <dd>{metrics.ticketCount}</dd>
            </div>
            <div>
              <dt>Breach rate</dt>
              <dd>
                {percent(metrics.breachRate)} ({metrics.breachCount})
              </dd>
            </div>
            <div>
              <dt>Escalation rate</dt>
              <dd>{percent(metrics.escalationRate)}</dd>
            </div>
            <div>
              <dt>Reopen rate</dt>
              <dd>{percent(metrics.reopenRate)}</dd>
            </div>
            <div>
              <dt>First response median / p90</dt>
              <dd>
                {formatDuration(metrics.firstResponse.medianSeconds)} / {formatDuration(metrics.firstResponse.p90Seconds)}
              </dd>
            </div>
            <div>
              <dt>Resolution median / p90</dt>
              <dd>
                {formatDuration(metrics.resolution.medianSeconds)} / {formatDuration(metrics.resolution.p90Seconds)}
              </dd>
            </div>
          </dl>
          <div className="charts">
            <ChartWithNumbers title="Tickets by state" rows={metrics.byState.map((row) => ({ label: words(row.key), value: row.count }))} unit="tickets" />
            <ChartWithNumbers title="Tickets by category" rows={metrics.byCategory.map((row) => ({ label: words(row.key), value: row.count }))} unit="tickets" />
            <ChartWithNumbers title="Median time in state (hours)" rows={metrics.timeInStateMedians.map((row) => ({ label: row.state, value: Math.round((row.medianSeconds / 3600) * 10) / 10 }))} unit="h" />
            <ChartWithNumbers
              title="First response and resolution (hours)"
              rows={[
                { label: "First response median", value: hours(metrics.firstResponse.medianSeconds) },
                { label: "First response p90", value: hours(metrics.firstResponse.p90Seconds) },
                { label: "Resolution median", value: hours(metrics.resolution.medianSeconds) },
                { label: "Resolution p90", value: hours(metrics.resolution.p90Seconds) },
              ]}
              unit="h"
            />
          </div>
          <DailySeries days={metrics.daily} />
          <div className="charts breakdowns">
            <GroupBreakdown id="by-agent" title="By agent" keyLabel="Agent" groups={metrics.byAgent} name={(group) => group.label ?? (group.key === "UNASSIGNED" ? "Unassigned" : group.key)} />
            <GroupBreakdown id="by-customer" title="By customer" keyLabel="Customer" groups={metrics.byCustomer} name={(group) => group.label ?? group.key} />
            <GroupBreakdown id="by-severity" title="By severity" keyLabel="Severity" groups={metrics.bySeverity} name={(group) => words(group.key)} />
            <GroupBreakdown id="by-product" title="By product" keyLabel="Product" groups={metrics.byProduct} name={(group) => words(group.key)} />
          </div>
        </>
      ) : null}
    </>
  );
}

const hours = (seconds: number | null | undefined) => (seconds == null ? 0 : Math.round((seconds / 3600) * 10) / 10);

function ChartWithNumbers({ title, rows, unit }: { title: string; rows: { label: string; value: number }[]; unit: string }) {
  const id = title.replace(/\W+/g, "-").toLowerCase();
  return (
    <section className="panel chart" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="chart-body">
        <div className="chart-canvas">
          <Bar
            data={{ labels: rows.map((row) => row.label), datasets: [{ label: title, data: rows.map((row) => row.value), backgroundColor: "#2f6fb3" }] }}
            options={{ responsive: true, maintainAspectRatio: false, indexAxis: "y", plugins: { legend: { display: false } } }}
            aria-hidden="true"
          />
        </div>
        <table className="numbers">
          <caption className="visually-hidden">{title}</caption>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>
                  {row.value} {unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const COLORS = { tickets: "#2f6fb3", open: "#8a6d00", breached: "#b3261e", opened: "#2f6fb3", closed: "#2e7d32", backlog: "#6b4fa0" };

/** One breakdown (agent, customer, severity or product): tickets, open and breached per group, and the figures in a table. */
function GroupBreakdown({ id, title, keyLabel, groups, name }: { id: string; title: string; keyLabel: string; groups: MetricsGroupFieldsFragment[]; name: (group: MetricsGroupFieldsFragment) => string }) {
  const labels = groups.map(name);
  return (
    <section className="panel chart breakdown" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {groups.length === 0 ? <p>No tickets in the period.</p> : null}
      <div className="chart-canvas" style={{ height: `${Math.max(160, groups.length * 34 + 60)}px` }}>
        <Bar
          data={{
            labels,
            datasets: [
              { label: "Tickets", data: groups.map((group) => group.ticketCount), backgroundColor: COLORS.tickets },
              { label: "Open", data: groups.map((group) => group.openCount), backgroundColor: COLORS.open },
              { label: "Breached", data: groups.map((group) => group.breachCount), backgroundColor: COLORS.breached },
            ],
          }}
          options={{ responsive: true, maintainAspectRatio: false, indexAxis: "y", plugins: { legend: { position: "bottom" } } }}
          aria-hidden="true"
        />
      </div>
      <div className="table-wrap">
        <table className="numbers">
          <caption className="visually-hidden">{title}: the figures of the chart</caption>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">Tickets</th>
              <th scope="col">Open</th>
              <th scope="col">Breached</th>
              <th scope="col">First response median</th>
              <th scope="col">Resolution median</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group, index) => (
              <tr key={group.key} data-key={group.key}>
                <th scope="row">{labels[index]}</th>
                <td>{group.ticketCount}</td>
                <td>{group.openCount}</td>
                <td>
                  {group.breachCount} ({percent(group.breachRate)})
                </td>
                <td>{formatDuration(group.firstResponse.medianSeconds)}</td>
                <td>{formatDuration(group.resolution.medianSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Opened, closed and backlog per day (and breaches), as a line chart with the day-by-day table beside it. */
function DailySeries({ days }: { days: MetricsPageQuery["ticketMetrics"]["daily"] }) {
  return (
    <section className="panel chart daily" aria-labelledby="per-day" data-testid="per-day">
      <h2 id="per-day">Opened, closed and backlog per day</h2>
      <div className="chart-body">
        <div className="chart-canvas">
          <Line
            data={{
              labels: days.map((day) => day.date),
              datasets: [
                { label: "Opened", data: days.map((day) => day.opened), borderColor: COLORS.opened, backgroundColor: COLORS.opened },
                { label: "Closed", data: days.map((day) => day.closed), borderColor: COLORS.closed, backgroundColor: COLORS.closed },
                { label: "Backlog", data: days.map((day) => day.backlog), borderColor: COLORS.backlog, backgroundColor: COLORS.backlog },
              ],
            }}
            options={{ responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
            aria-hidden="true"
          />
        </div>
        <div className="table-wrap daily-numbers" tabIndex={0} role="region" aria-label="Figures per day">
          <table className="numbers">
            <caption className="visually-hidden">Opened, closed, backlog and breaches per day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Opened</th>
                <th scope="col">Closed</th>
                <th scope="col">Backlog</th>
                <th scope="col">Breaches</th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((day) => (
                <tr key={day.date} data-date={day.date}>
                  <th scope="row">{day.date}</th>
                  <td>{day.opened}</td>
                  <td>{day.closed}</td>
                  <td>{day.backlog}</td>
                  <td>{day.breaches}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
