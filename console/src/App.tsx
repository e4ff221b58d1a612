import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { NavLink, Navigate, Route, Routes, useLocation, useNavigate, useParams } from "react-router-dom";
import { execute, setToken } from "./api/graphql-client";
import { AlertCountBadge, AlertCountRefresh, useUnacknowledgedAlertCount } from "./alerts/unacknowledged-alerts";
import { readSession, writeSession, type StoredSession } from "./auth/stored-session";
import { ErrorList } from "./components/ErrorList";
import { MeDocument } from "./generated/graphql";
import { CustomerLink, CustomersPage } from "./pages/CustomersPage";
import { DeskPage } from "./pages/DeskPage";
import { SignInPage } from "./pages/SignInPage";
import { TicketPage } from "./pages/TicketPage";
import { SessionContext, type Session } from "./session";
import type { ApiError } from "./api/graphql-client";

// The heavy pages (charts, diagrams) load on first visit, keeping the initial bundle small.
const AlertsPage = lazy(() => import("./pages/AlertsPage"));
const AuditPage = lazy(() => import("./pages/AuditPage"));
const AuditTicketPage = lazy(() => import("./pages/AuditTicketPage"));
const MetricsPage = lazy(() => import("./pages/MetricsPage"));
const WorkflowPage = lazy(() => import("./pages/WorkflowPage"));

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(true);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const navigate = useNavigate();
  const location = useLocation();

  const signOut = useCallback(() => {
    writeSession(null);
    setToken(null);
    setSession(null);
    navigate("/signin");
  }, [navigate]);

  /** Checks a token with `me` and opens the session. */
  const adopt = useCallback(
    async (stored: StoredSession) => {
      setToken(stored.token);
      const result = await execute(MeDocument, {});
      if (result.data === null) {
        setToken(null);
        writeSession(null);
        setErrors(result.errors);
        return false;
      }
      writeSession(stored);
      setErrors([]);
      setSession({ agent: result.data.me, mode: stored.mode, signOut });
      return true;
    },
    [signOut],
  );

  useEffect(() => {
    const stored = readSession();
    if (stored === null) {
      setChecking(false);
      return;
    }
    void adopt(stored).finally(() => setChecking(false));
  }, [adopt]);

  if (checking) return <p className="loading" role="status">Loading...</p>;
  if (session === null) {
    return (
      <Routes>
        <Route path="/signin" element={<SignInPage onSignedIn={adopt} errors={errors} />} />
        <Route path="*" element={<Navigate to="/signin" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <SignedIn session={session} errors={errors} />
    </SessionContext.Provider>
  );
}

/** The signed-in console: navigation (with the unacknowledged alerts' count) and the pages. */
function SignedIn({ session, errors }: { session: Session; errors: ApiError[] }) {
  const alerts = useUnacknowledgedAlertCount();
  return (
    <AlertCountRefresh.Provider value={alerts.refresh}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top-bar">
        <span className="brand">Partner Support Console</span>
        <nav aria-label="Main">
          <NavLink to="/desk">Desk</NavLink>
          <NavLink to="/customers">Customers</NavLink>
          <NavLink to="/alerts">
            Alerts
            <AlertCountBadge count={alerts.count} />
          </NavLink>
          <NavLink to="/audit">Audit</NavLink>
          <NavLink to="/metrics">Metrics</NavLink>
          <NavLink to="/workflow">Workflow</NavLink>
          <a href="/explorer">Explorer</a>
        </nav>
        <span className="who">
          <span data-testid="signed-in-agent">{session.agent.displayName}</span> <span className="role">{session.agent.role}</span>
          <button type="button" className="link-button" onClick={session.signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main">
        <ErrorList errors={errors} />
        <Suspense fallback={<p role="status">Loading...</p>}>
          <Routes>
            <Route path="/" element={<Navigate to="/desk" replace />} />
            <Route path="/signin" element={<Navigate to="/desk" replace />} />
            <Route path="/desk" element={<DeskPage />} />
            <Route path="/desk/tickets/:id" element={<TicketPage />} />
            {/* Alert links (Alert.link) point at /tickets/<id> or /customers/<tenant id>. */}
            <Route path="/tickets/:id" element={<TicketLink />} />
            <Route path="/customers" element={<CustomersPage />} />
            <Route path="/customers/:id" element={<CustomerLink />} />
            <Route path="/alerts" element={<AlertsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/audit/tickets/:id" element={<AuditTicketPage />} />
            <Route path="/metrics" element={<MetricsPage />} />
            <Route path="/workflow" element={<WorkflowPage />} />
            <Route path="*" element={<h1>Not found</h1>} />
          </Routes>
        </Suspense>
      </main>
    </AlertCountRefresh.Provider>
  );
}

/** `/tickets/<id>`, as alerts link a ticket: the desk's ticket page. */
function TicketLink() {
  const { id = "" } = useParams();
  return <Navigate to={`/desk/tickets/${encodeURIComponent(id)}`} replace />;
}
