import { createClient, type Client } from "graphql-ws";
import type { TypedDocumentString } from "../generated/graphql";

/** A GraphQL error as the console shows it: its stable code and message (and path, for partial data). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
  }
}

export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
}

type Doc<R, V> = TypedDocumentString<R, V>;

let currentToken: string | null = null;
let socket: Client | null = null;

/** The bearer token every request carries (set by the session on sign-in). */
export function setToken(token: string | null): void {
  currentToken = token;
  socket?.dispose();
  socket = null;
}

function toApiErrors(errors: unknown): ApiError[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((error: { message?: string; extensions?: { code?: string }; path?: (string | number)[] }) => new ApiError(error.extensions?.code ?? "ERROR", error.message ?? "Unknown error", error.path ?? []));
}

/** POST /graphql with the token; transport failures become an ApiError too. */
export async function execute<R, V>(document: Doc<R, V>, variables?: V): Promise<ApiResult<R>> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...(currentToken ? { authorization: `Bearer ${currentToken}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch (error) {
    return { data: null, errors: [new ApiError("NETWORK_ERROR", error instanceof Error ? error.message : String(error))] };
  }
  let body: { data?: R | null; errors?: unknown };
  try {
    body = await response.json();
  } catch {
    return { data: null, errors: [new ApiError(`HTTP_${response.status}`, response.statusText || "The gateway did not answer with JSON")] };
  }
  return { data: body.data ?? null, errors: toApiErrors(body.errors) };
}

/** A mutation: its data, or the first error thrown. */
export async function mutate<R, V>(document: Doc<R, V>, variables: V): Promise<R> {
  const result = await execute(document, variables);
  const [first] = result.errors;
  if (first !== undefined || result.data === null) throw first ?? new ApiError("ERROR", "No data");
  return result.data;
}

function liveSocket(): Client {
  socket ??= createClient({
    url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`,
    connectionParams: () => ({ authorization: currentToken ? `Bearer ${currentToken}` : undefined }),
    lazy: true,
    retryAttempts: 20,
    shouldRetry: () => true,
  });
  return socket;
}

/** A graphql-ws subscription; returns the unsubscribe function. */
export function subscribe<R, V>(document: Doc<R, V>, variables: V, handlers: { next: (data: R) => void; error?: (error: ApiError) => void }): () => void {
  return liveSocket().subscribe<R>(
    { query: document.toString(), variables: (variables ?? {}) as Record<string, unknown> },
    {
      next: (message) => {
        if (message.data) handlers.next(message.data as R);
        const [first] = toApiErrors(message.errors);
        if (first) handlers.error?.(first);
      },
      // graphql-ws hands over the GraphQL errors of a refused subscription (e.g. FORBIDDEN) as an array.
      error: (error: unknown) => handlers.error?.(toApiErrors(error)[0] ?? new ApiError("LIVE_ERROR", error instanceof Error ? error.message : "The live connection failed")),
      complete: () => undefined,
    },
  );
}

/** GET an export endpoint with the token and save the body as a file (the browser's download). */
export async function downloadExport(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: currentToken ? { authorization: `Bearer ${currentToken}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { errors?: unknown };
    const [first] = toApiErrors(body.errors);
    throw first ?? new ApiError(`HTTP_${response.status}`, response.statusText);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
