import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from "chart.js";
import { useMemo, useState } from "react";
import { Bar } from "react-chartjs-2";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatDuration, percent, words } from "../components/format";
import { MetricsPageDocument } from "../generated/graphql";

// Only the parts the bar charts use (chart.js is tree-shaken; this page is its own lazy chunk).
ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

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
