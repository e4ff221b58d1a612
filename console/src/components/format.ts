/** A duration in seconds as "2 d 3 h", "4 h 5 min", "12 min" or "40 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "-";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "-";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)} %`;

/** Upper snake case as words: AWAITING_CUSTOMER -> Awaiting customer. */
export function words(value: string): string {
  const text = value.replace(/_/g, " ").toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Microsoft's incident posts are HTML: shown as text only (no markup, no scripts, no links). */
export function htmlToText(html: string): string {
  const document = new DOMParser().parseFromString(html, "text/html");
  return (document.body.textContent ?? "").replace(/\s+\n/g, "\n").trim();
}
