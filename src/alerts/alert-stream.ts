import type { Repeater } from "@graphql-yoga/subscription";
import { AppError, ErrorCode } from "../errors";
import { liveStream } from "../reporting/live/live-stream";
import type { AlertBus, AlertRelayGap } from "./alert-bus";
import type { AlertPayload } from "./alert-payload";

/** Most alerts held for one slow subscriber; older ones are dropped (the feed keeps them). */
const MAX_BUFFERED = 500;

/**
 * The bus as one subscription's stream: alerts that pass `accept` (async: the live access check),
 * in publish order. `accept` throwing ends the stream with that error after the alerts accepted
 * before; a gap in live delivery ends it with SERVICE_UNAVAILABLE the same way (like `ticketEvents`).
 */
export function alertStream(bus: AlertBus, accept: (alert: AlertPayload) => Promise<boolean>): Repeater<AlertPayload> {
  return liveStream(bus, { accept, interrupted: liveAlertsInterrupted, maxBacklog: MAX_BUFFERED });
}

/** The typed end of an `alertRaised` stream that may have missed alerts. */
export function liveAlertsInterrupted(gap: AlertRelayGap): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, `Live alerts were interrupted at ${gap.since.toISOString()}; read what was missed from alerts and subscribe again`, {
    reason: gap.reason,
  });
}
