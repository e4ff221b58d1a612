import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router, type Request, type Response } from "express";
import { AGENT_ROLES, isAgentRole, type AgentRole } from "../auth/agent";
import { DEMO_AGENTS } from "../auth/demo-agents";
import { ErrorCode } from "../errors/error-code";

/** How the browser signs in: what `GET /console/config.json` tells the console. */
export type ConsoleSignIn =
  | {
      mode: "sandbox";
      /** Mints a demo agent's sandbox token (the same token `npm run token` prints). */
      issueToken: (role: AgentRole) => Promise<string>;
    }
  | {
      mode: "microsoft";
      /** The SPA's app registration (MSAL `clientId`). */
      clientId: string;
      /** e.g. https://login.microsoftonline.com/<partner tenant id> */
      authority: string;
      /** Hosts MSAL may treat as authorities without instance discovery (a private authority or the emulator). */
      knownAuthorities: string[];
      /** The API scope the console asks for, e.g. api://<client id>/access_as_user. */
      scopes: string[];
    };

export interface ConsoleRoutesOptions {
  /** The built console (vite's output): index.html, explorer.html, assets/. */
  directory: string;
  signIn: ConsoleSignIn;
}

/**
 * Where `npm run build:console` (vite) writes the console: dist/console, found from the compiled
 * server (dist/src/server) and from the sources (src/server, under vitest) alike.
 */
export const DEFAULT_CONSOLE_DIRECTORY = [join(__dirname, "..", "..", "console"), join(__dirname, "..", "..", "dist", "console")].find((dir) => existsSync(join(dir, "build-info.json"))) ?? join(__dirname, "..", "..", "dist", "console");

/** API paths that never fall back to the console's index.html. */
const API_PREFIXES = ["/graphql", "/exports", "/health", "/ready", "/metrics", "/console/"];

/**
 * The console and the explorer, served from the built files (nothing from the internet):
 * `/` and every client-side route answer index.html, `/explorer` answers the bundled GraphiQL,
 * `/assets/*` are immutable hashed files. `GET /console/config.json` says how to sign in, and in
 * sandbox mode `POST /console/sandbox-token` mints a demo agent's token for the browser.
 */
export function consoleRouter(options: ConsoleRoutesOptions): Router {
  const router = Router();
  const { directory, signIn } = options;
  router.get("/console/config.json", (_req, res) => {
    res.setHeader("cache-control", "no-store");
    if (signIn.mode === "sandbox") {
      res.json({ mode: "sandbox", demoAgents: AGENT_ROLES.map((role) => ({ role, id: DEMO_AGENTS[role].id, displayName: DEMO_AGENTS[role].displayName })) });
    } else {
      res.json({ mode: "microsoft", clientId: signIn.clientId, authority: signIn.authority, knownAuthorities: signIn.knownAuthorities, scopes: signIn.scopes });
    }
  });
  router.post("/console/sandbox-token", express.json({ limit: "1kb" }), (req, res) => {
    void sandboxToken(signIn, req, res);
  });
  if (!existsSync(join(directory, "index.html"))) {
    // The server still runs without a built console (e.g. `tsc` only); say how to get one.
    router.get(["/", "/explorer"], (_req, res) => {
      res.status(503).type("text/plain").send(`The console is not built (no ${join(directory, "index.html")}). Run: npm run build\n`);
    });
    return router;
  }
  router.use(
    "/assets",
    express.static(join(directory, "assets"), { immutable: true, maxAge: "365d", index: false, fallthrough: false }),
  );
  router.get(["/explorer", "/explorer/"], (_req, res) => sendHtml(res, join(directory, "explorer.html")));
  router.use(express.static(directory, { index: false }));
  // Client-side routes (/desk, /audit/ticket-1, ...): the single-page app's shell.
  router.get(/.*/, (req, res, next) => {
    if (API_PREFIXES.some((prefix) => req.path.startsWith(prefix))) return next();
    if (!req.accepts("html")) return next();
    sendHtml(res, join(directory, "index.html"));
  });
  return router;
}

function sendHtml(res: Response, file: string): void {
  // The shell is small and names the hashed bundles: never cached, so a new build is picked up at once.
  res.setHeader("cache-control", "no-cache");
  res.setHeader("x-content-type-options", "nosniff");
  res.sendFile(file);
}

async function sandboxToken(signIn: ConsoleSignIn, req: Request, res: Response): Promise<void> {
  res.setHeader("cache-control", "no-store");
  if (signIn.mode !== "sandbox") {
    res.status(404).json({ errors: [{ message: "Sandbox tokens exist in sandbox mode only; sign in with Entra ID", extensions: { code: ErrorCode.NOT_FOUND } }] });
    return;
  }
  const role = (req.body as { role?: unknown } | undefined)?.role;
  if (typeof role !== "string" || !isAgentRole(role)) {
    res.status(400).json({ errors: [{ message: `role must be one of ${AGENT_ROLES.join(", ")}`, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    return;
  }
  res.json({ token: await signIn.issueToken(role), agent: DEMO_AGENTS[role] });
}
