import { createContext, useContext } from "react";
import type { MeQuery } from "./generated/graphql";

export type SignedInAgent = MeQuery["me"];

export interface Session {
  agent: SignedInAgent;
  mode: "sandbox" | "microsoft";
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in agent (pages render only inside a session). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside a signed-in page");
  return session;
}
