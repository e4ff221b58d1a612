/** The API's top-level ticket states (CONTRACT.md `TicketState`). */
export const TICKET_STATES = [
  "INTAKE",
  "DIAGNOSIS",
  "AWAITING_CUSTOMER",
  "RESOLUTION",
  "ESCALATED",
  "RESOLVED",
  "CLOSED",
  "CANCELLED",
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** The states of a ticket still being worked (intake included): every state but the three final ones. */
export const OPEN_TICKET_STATES: readonly TicketState[] = ["INTAKE", "DIAGNOSIS", "AWAITING_CUSTOMER", "RESOLUTION", "ESCALATED"];

/** "escalated.withMicrosoft" -> "ESCALATED"; "awaitingCustomer" -> "AWAITING_CUSTOMER". */
export function ticketStateOfPath(statePath: string): TicketState {
  const top = statePath.split(".")[0] ?? "";
  const state = top.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  if (!(TICKET_STATES as readonly string[]).includes(state)) {
    throw new Error(`State path "${statePath}" has no TicketState`);
  }
  return state as TicketState;
}

/** "AWAITING_CUSTOMER" -> "awaitingCustomer" (the machine's top-level state name). */
export function machineStateOf(state: TicketState): string {
  return state.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
