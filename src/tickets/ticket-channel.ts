/**
 * Where a ticket came in. `OpenTicketInput.channel` has always taken free text ("phone", "Phone",
 * "web form"); the API also names it with this closed set, OTHER for anything else.
 */
export const TICKET_CHANNELS = ["EMAIL", "PHONE", "PORTAL", "CHAT", "OTHER"] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** The channel a stored free-text channel names ("Phone" -> PHONE, "web form" -> OTHER); null stays null. */
export function ticketChannelOf(text: string | null | undefined): TicketChannel | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  const wanted = text.trim().toUpperCase().replace(/[\s-]+/g, "_");
  return (TICKET_CHANNELS as readonly string[]).includes(wanted) ? (wanted as TicketChannel) : "OTHER";
}
