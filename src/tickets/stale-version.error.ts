import { AppError, ErrorCode } from "../errors";

/** VERSION_CONFLICT for a write that expected `expectedVersion` while the ticket is at `currentVersion`. */
export function staleVersion(ticketId: string, currentVersion: number, expectedVersion: number): AppError {
  return new AppError(
    ErrorCode.VERSION_CONFLICT,
    `Ticket ${ticketId} is at version ${currentVersion}, not ${expectedVersion}; reload and retry`,
    { currentVersion },
  );
}
