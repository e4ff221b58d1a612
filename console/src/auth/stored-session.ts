/**
 * The signed-in agent's token, kept in this tab's sessionStorage (the explorer at /explorer reads
 * it from there too). Closing the tab signs out; the gateway checks the token on every request.
 */
export interface StoredSession {
  token: string;
  mode: "sandbox" | "microsoft";
}

const KEY = "psg.session";

export function readSession(): StoredSession | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as StoredSession | null;
    if (value === null || typeof value.token !== "string") return null;
    // An expired token is no session: sign in again rather than show UNAUTHENTICATED everywhere.
    const [, payload] = value.token.split(".");
    const exp = payload ? (JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number }).exp : undefined;
    if (typeof exp === "number" && exp * 1000 < Date.now()) return null;
    return value;
  } catch {
    return null;
  }
}

export function writeSession(session: StoredSession | null): void {
  if (session === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(session));
}
