import WebSocket from "ws";

/** One graphql-ws protocol message as received. */
export interface WsMessage {
  id?: string;
  type: string;
  payload?: any;
}

/**
 * A raw graphql-transport-ws socket (no client library), so tests see every message and the exact
 * close code, and can send what a well-behaved client never would.
 */
export interface RawSocket {
  ws: WebSocket;
  messages: WsMessage[];
  /** Resolves with the close code and reason once the server closes (or the socket drops). */
  closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
  subscribe(id: string, query: string, variables?: unknown, operationName?: string): void;
  complete(id: string): void;
  /** Messages received for one operation id. */
  of(id: string): WsMessage[];
  /** Waits until `condition` holds, or fails after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): void;
}

export function wsUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/^http/, "ws");
}

/**
 * Opens a socket and sends connection_init with the token. Resolves once acknowledged, or with
 * the socket as it is when the server closes it first (check `closed`).
 */
export function openSocket(graphqlUrl: string, token: string | null): Promise<RawSocket> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(graphqlUrl), "graphql-transport-ws", { maxPayload: 1 << 30 });
    const messages: WsMessage[] = [];
    let open = false;
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on("close", (code, reason) => {
        open = false;
        done({ code, reason: String(reason) });
      }),
    );
    const socket: RawSocket = {
      ws,
      messages,
      closed,
      isOpen: () => open && ws.readyState === WebSocket.OPEN,
      subscribe: (id, query, variables, operationName) =>
        ws.send(JSON.stringify({ id, type: "subscribe", payload: { query, ...(variables === undefined ? {} : { variables }), ...(operationName ? { operationName } : {}) } })),
      complete: (id) => ws.send(JSON.stringify({ id, type: "complete" })),
      of: (id) => messages.filter((message) => message.id === id),
      until: async (condition, timeoutMs = 5_000, what = "condition") => {
        const deadline = Date.now() + timeoutMs;
        while (!condition()) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 5));
        }
      },
      close: () => ws.close(1000),
    };
    ws.on("error", () => undefined);
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: token === null ? {} : { authorization: `Bearer ${token}` } })));
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as WsMessage;
      if (message.type === "connection_ack") {
        open = true;
        resolve(socket);
        return;
      }
      messages.push(message);
    });
    void closed.then(() => resolve(socket));
  });
}

/** The errors an operation received (an `error` message, or `next` with errors). */
export function errorsOf(messages: WsMessage[]): { message: string; extensions?: Record<string, any> }[] {
  return messages.flatMap((message) => (message.type === "error" ? message.payload : message.type === "next" ? message.payload?.errors ?? [] : []));
}

/** True once the operation has ended: an error or complete message arrived for it. */
export const ended = (messages: WsMessage[]): boolean => messages.some((message) => message.type === "error" || message.type === "complete");

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
