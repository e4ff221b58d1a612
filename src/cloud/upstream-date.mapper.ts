/** An ISO date from Graph or Partner Center, or null when missing, unreadable or an unset placeholder (0001-01-01). */
export function parseUpstreamDate(value: unknown): Date | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  // Partner Center writes unset dates as 0001-01-01T00:00:00.
  if (date.getUTCFullYear() < 1900) return null;
  return date;
}
