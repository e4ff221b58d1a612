import { useCallback, useEffect, useRef, useState } from "react";
import { execute, type ApiError } from "../api/graphql-client";
import { ErrorList } from "../components/ErrorList";
import { formatTime, words } from "../components/format";
import { TicketTimelineDocument, type TimelineEntryFieldsFragment } from "../generated/graphql";

const PAGE_SIZE = 50;

interface TimelineState {
  entries: TimelineEntryFieldsFragment[];
  /** The last cursor read; null before the first page. */
  cursor: string | null;
  hasNextPage: boolean;
  totalCount: number | null;
  errors: ApiError[];
  loading: boolean;
}

const EMPTY: TimelineState = { entries: [], cursor: null, hasNextPage: false, totalCount: null, errors: [], loading: true };

/**
 * Ticket.timeline, oldest first, read a page at a time ("Load more" reads the next). Entries never
 * change once written, so when the ticket moves on (a new `version`) only what follows the last cursor
 * is read: the new entries when every page is loaded, else just the new total (first: 0).
 * Reads run one after another, each from the state the previous one left.
 */
export function TicketTimeline({ ticketId, version }: { ticketId: string; version: number }) {
  const [state, setState] = useState<TimelineState>(EMPTY);
  const current = useRef(state);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const readOn = useCallback(
    (mode: "more" | "refresh") => {
      queue.current = queue.current.then(async () => {
        const before = current.current;
        const first = mode === "refresh" && before.hasNextPage ? 0 : PAGE_SIZE;
        const loading = { ...before, loading: true };
        current.current = loading;
        setState(loading);
        const result = await execute(TicketTimelineDocument, { id: ticketId, first, after: before.cursor });
        const page = result.data?.ticket?.timeline;
        const seen = new Set(before.entries.map((entry) => entry.id));
        const next: TimelineState = page
          ? {
              entries: [...before.entries, ...page.edges.map((edge) => edge.node).filter((entry) => !seen.has(entry.id))],
              // An empty page has no endCursor: keep reading on from the last one.
              cursor: page.pageInfo.endCursor ?? before.cursor,
              hasNextPage: page.pageInfo.hasNextPage,
              totalCount: page.totalCount,
              errors: result.errors,
              loading: false,
            }
          : { ...before, errors: result.errors, loading: false };
        current.current = next;
        setState(next);
      });
    },
    [ticketId],
  );

  useEffect(() => readOn("refresh"), [readOn, version]);

  return (
    <>
      <ErrorList errors={state.errors} />
      <ol className="timeline" data-testid="timeline" aria-busy={state.loading}>
        {state.entries.map((entry) => (
          <li key={entry.id} data-entry-id={entry.id} data-sequence={entry.sequence}>
            <time dateTime={entry.at}>{formatTime(entry.at)}</time> <strong>{entry.actor.displayName}</strong> {describe(entry)}
          </li>
        ))}
      </ol>
      {state.totalCount !== null ? (
        <p className="pager">
          <span data-testid="timeline-count">
            {state.entries.length} of {state.totalCount} entries
          </span>{" "}
          {state.hasNextPage ? (
            <button type="button" disabled={state.loading} onClick={() => readOn("more")}>
              Load more
            </button>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

/** What happened, in words (exhaustive: a new TimelineEntry type fails the type check here). */
function describe(entry: TimelineEntryFieldsFragment): string {
  switch (entry.__typename) {
    case "NoteEntry":
      return `Note: ${entry.text}`;
    case "CustomerQuestionEntry":
      return `Asked the customer: ${entry.text}`;
    case "CustomerReplyEntry":
      return `Customer replied: ${entry.text}`;
    case "MicrosoftMessageEntry":
      return `Microsoft: ${entry.text}`;
    case "MicrosoftAnswerEntry":
      return `Answered Microsoft: ${entry.text}`;
    case "ResolutionProposedEntry":
      return `Proposed a resolution (${words(entry.source)}): ${entry.summary}`;
    case "ResolutionRejectedEntry":
      return `Resolution rejected: ${entry.rejectedReason}`;
    case "StateChangeEntry":
      return `${words(entry.eventType)}: ${entry.fromState ?? "opened"} to ${entry.toState}${entry.reason ? ` (${entry.reason})` : ""}`;
    case "AssignmentEntry":
      return `Assigned: ${entry.from?.displayName ?? "nobody"} to ${entry.to?.displayName ?? "nobody"}`;
    case "FieldChangeEntry":
      return `Changed ${entry.changes.map((change) => `${words(change.field)} from "${change.from}" to "${change.to}"`).join(", ")}`;
    default:
      return unknownEntry(entry);
  }
}

function unknownEntry(entry: never): string {
  return String((entry as { __typename?: string }).__typename);
}
