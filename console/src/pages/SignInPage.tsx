import { useEffect, useState } from "react";
import { ApiError } from "../api/graphql-client";
import { loadConsoleConfig, type ConsoleConfig } from "../auth/console-config";
import type { StoredSession } from "../auth/stored-session";
import { ErrorList } from "../components/ErrorList";

/**
 * Sandbox: pick a demo agent (the gateway mints its sandbox token). Microsoft mode: MSAL sends the
 * browser to Entra ID (authorization code + PKCE) and back here with the code.
 */
export function SignInPage({ onSignedIn, errors }: { onSignedIn: (session: StoredSession) => Promise<boolean>; errors: ApiError[] }) {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [failure, setFailure] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const loaded = await loadConsoleConfig();
        setConfig(loaded);
        if (loaded.mode === "microsoft") {
          setBusy(true);
          const { completeMicrosoftSignIn } = await import("../auth/microsoft-sign-in");
          const token = await completeMicrosoftSignIn(loaded);
          if (token !== null) await onSignedIn({ token, mode: "microsoft" });
          setBusy(false);
        }
      } catch (error) {
        setBusy(false);
        setFailure([toApiError(error)]);
      }
    })();
  }, [onSignedIn]);

  async function signInAs(role: string) {
    setBusy(true);
    setFailure([]);
    try {
      const response = await fetch("/console/sandbox-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role }) });
      const body = (await response.json()) as { token?: string; errors?: { message: string; extensions?: { code?: string } }[] };
      if (!body.token) throw new ApiError(body.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`, body.errors?.[0]?.message ?? "No token");
      await onSignedIn({ token: body.token, mode: "sandbox" });
    } catch (error) {
      setFailure([toApiError(error)]);
    } finally {
      setBusy(false);
    }
  }

  async function signInWithMicrosoft() {
    if (config?.mode !== "microsoft") return;
    setBusy(true);
    try {
      const { startMicrosoftSignIn } = await import("../auth/microsoft-sign-in");
      await startMicrosoftSignIn(config);
    } catch (error) {
      setBusy(false);
      setFailure([toApiError(error)]);
    }
  }

  return (
    <main id="main" className="sign-in">
      <h1>Partner Support Console</h1>
      <ErrorList errors={[...errors, ...failure]} />
      {config === null ? <p role="status">Loading...</p> : null}
      {config?.mode === "sandbox" ? (
        <section aria-labelledby="demo-agents">
          <h2 id="demo-agents">Sandbox: sign in as a demo agent</h2>
          <p>Each demo agent has one role; the API decides what it may read and do.</p>
          <ul className="agent-list">
            {config.demoAgents.map((agent) => (
              <li key={agent.role}>
                <button type="button" disabled={busy} onClick={() => void signInAs(agent.role)}>
                  {agent.displayName} <span className="role">{agent.role}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {config?.mode === "microsoft" ? (
        <section aria-labelledby="entra">
          <h2 id="entra">Sign in with your work account</h2>
          <button type="button" disabled={busy} onClick={() => void signInWithMicrosoft()}>
            Sign in with Microsoft
          </button>
        </section>
      ) : null}
    </main>
  );
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as { errorCode?: string }).errorCode ?? "SIGN_IN_FAILED";
  return new ApiError(code, error instanceof Error ? error.message : String(error));
}
