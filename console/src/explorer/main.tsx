import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { readSession } from "../auth/stored-session";

/**
 * The offline GraphQL explorer: GraphiQL bundled into the gateway (no CDN), with the signed-in
 * agent's token from the console's session attached, and the project's typed example
 * operations (schema/operations/*.graphql) opened as tabs.
 */
const examples = import.meta.glob("../../../schema/operations/*.graphql", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const session = readSession();
const fetcher = createGraphiQLFetcher({
  url: `${location.origin}/graphql`,
  subscriptionUrl: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`,
  // The console's token goes on every request; a header typed into Headers overrides it.
  headers: session ? { authorization: `Bearer ${session.token}` } : {},
  wsConnectionParams: session ? { authorization: `Bearer ${session.token}` } : {},
});
const defaultHeaders = session ? JSON.stringify({ authorization: `Bearer ${session.token}` }, null, 2) : undefined;
const defaultTabs = [
  { query: "# Who am I? (the token of the console's session is in Headers)\n{ me { displayName role } }\n" },
  ...Object.entries(examples).map(([path, text]) => ({ query: `# ${path.replace(/^.*\/schema\//, "schema/")}\n${text}` })),
];

function Explorer() {
  return (
    <>
      {session ? null : (
        <p role="status" style={{ margin: 0, padding: "8px 12px", background: "#fff4d6", fontFamily: "system-ui, sans-serif" }}>
          Not signed in: <a href="/signin">sign in to the console</a> first, or put an Authorization header in Headers.
        </p>
      )}
      <GraphiQL fetcher={fetcher} defaultHeaders={defaultHeaders} defaultTabs={defaultTabs} shouldPersistHeaders={false} />
    </>
  );
}

createRoot(document.getElementById("explorer")!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
