import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../../src/auth/sandbox-token";
import { spawnBuiltServer, type BuiltServer } from "../e2e/support/built-server";
import { ensureConsoleBuilt, expectAccessible, launchBrowser, offlineContext, screenshot, type TestBrowser } from "./support/browser";

/**
 * The console in a real headless Chromium against the built gateway started as `npm start`
 * starts it (sandbox defaults, demo data, a temporary DATA_DIR), with every request outside the
 * gateway refused: one gateway and one browser for the whole file, tests in order.
 */
let dataDir: string;
let server: BuiltServer;
let chromium: TestBrowser;
let browser: Browser;
const contexts: { context: BrowserContext; outside: string[] }[] = [];

async function gqlAs(role: keyof typeof DEMO_AGENTS, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const token = await issueSandboxToken(await loadOrCreateSandboxSigningKey(dataDir), DEMO_AGENTS[role]);
  const response = await fetch(server.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors ?? []).toEqual([]);
  return body.data;
}

async function openTicketViaApi(title: string): Promise<string> {
  const customers = await gqlAs("HELPDESK_AGENT", "{ customers(first: 50) { edges { node { id delegatedAccess { status } } } } }");
  const customer = customers.customers.edges.map((edge: any) => edge.node).find((node: any) => node.delegatedAccess.status === "ACTIVE");
  expect(customer, "a customer with active delegated access").toBeDefined();
  const opened = await gqlAs("HELPDESK_AGENT", "mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }", {
    input: { customerId: customer.id, title, description: `${title}: mail flow to external recipients fails`, product: "MICROSOFT_365", severity: "MODERATE", category: "TECHNICAL" },
  });
  return opened.openTicket.id as string;
}

/** A new offline context signed in as a demo agent through the sign-in page. */
async function signedIn(displayName: string, options: { width?: number } = {}): Promise<Page> {
  const entry = await offlineContext(browser, [server.gatewayUrl], options);
  contexts.push(entry);
  const page = await entry.context.newPage();
  await page.goto(`${server.gatewayUrl}/`);
  await page.waitForURL(/\/signin$/);
  await page.getByRole("button", { name: new RegExp(displayName) }).click();
  await page.getByTestId("signed-in-agent").filter({ hasText: displayName }).waitFor();
  return page;
}

const stateOf = (page: Page) => page.getByTestId("ticket-state");

/** Waits for the ticket page to show `state`; on a timeout the message carries the errors the page shows. */
async function expectState(page: Page, state: string | RegExp, timeout = 10_000): Promise<void> {
  const seen = async () => `${await stateOf(page).textContent()} ${(await page.locator(".errors").allTextContents()).join(" ")}`.trim();
  await expect.poll(seen, { timeout }).toMatch(typeof state === "string" ? new RegExp(`^${state.replace(/\./g, "\\.")}$`) : state);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  dataDir = mkdtempSync(join(tmpdir(), "psg-browser-"));
  // As `npm start` runs it, with demo tickets; escalations sync every 500 ms so withMicrosoft shows quickly.
  [server, chromium] = await Promise.all([spawnBuiltServer(dataDir, { DEMO_DATA: "on", SYNC_INTERVAL_MS: "500", DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}` }), launchBrowser()]);
  browser = chromium.browser;
}, 180_000);

afterAll(async () => {
  for (const { context } of contexts) await context.close().catch(() => undefined);
  await chromium?.close();
  server?.child.kill("SIGTERM");
  await server?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the console in Chromium (sandbox)", { timeout: 90_000 }, () => {
  it("serves the sign-in page at / and signs in as a demo agent; the desk lists tickets with counts per state", async () => {
    const entry = await offlineContext(browser, [server.gatewayUrl]);
    contexts.push(entry);
    const page = await entry.context.newPage();
    await page.goto(`${server.gatewayUrl}/`);
    await page.getByRole("heading", { name: "Sandbox: sign in as a demo agent" }).waitFor();
    await expectAccessible(page, "sign in");
    await screenshot(page, "01-sign-in");
    await page.getByRole("button", { name: /Hugo Helpdesk/ }).click();
    await page.getByRole("heading", { name: "Desk" }).waitFor();
    await page.locator("table.tickets tbody tr[data-ticket-id]").first().waitFor();
    const allTab = await page.getByRole("tab", { name: /^All/ }).textContent();
    expect(Number(/\d+/.exec(allTab ?? "")?.[0])).toBeGreaterThan(0);
    await expectAccessible(page, "desk");
    await screenshot(page, "02-desk");
    expect(entry.outside).toEqual([]);
  });

  it("a bad sign-in shows the API's code and message", async () => {
    const entry = await offlineContext(browser, [server.gatewayUrl]);
    contexts.push(entry);
    const page = await entry.context.newPage();
    await page.goto(`${server.gatewayUrl}/signin`);
    // A forged token in the session: the gateway refuses it and the sign-in page says why.
    const forged = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from('{"sub":"agent-hugo","roles":["SUPPORT_LEAD"]}').toString("base64url")}.c2lnbmF0dXJl`;
    await page.evaluate((token) => (globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }).sessionStorage.setItem("psg.session", JSON.stringify({ token, mode: "sandbox" })), forged);
    await page.goto(`${server.gatewayUrl}/desk`);
    await expect.poll(() => page.locator(".error-code").first().textContent()).toBe("UNAUTHENTICATED");
  });

  it("walks a ticket from INTAKE to CLOSED through the UI", async () => {
    const id = await openTicketViaApi("Browser walk to closed");
    const page = await signedIn("Hugo Helpdesk");
    await page.goto(`${server.gatewayUrl}/desk/tickets/${id}`);
    await expectState(page, "intake");
    await page.getByRole("button", { name: "Start diagnosis" }).click();
    await expectState(page, "diagnosis");
    await page.getByRole("button", { name: "Propose resolution..." }).click();
    await page.getByLabel("Summary").fill("Connector certificate renewed");
    await page.getByRole("button", { name: "Propose resolution", exact: true }).click();
    await expectState(page, /^resolution/);
    await page.getByRole("button", { name: "Confirm resolution" }).click();
    await expectState(page, "resolved");
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await expectState(page, "closed");
    await expectAccessible(page, "ticket");
    await screenshot(page, "03-ticket-closed");
    const data = await gqlAs("SUPPORT_LEAD", "query($id: ID!) { ticket(id: $id) { state history { totalCount } } }", { id });
    expect(data.ticket.state).toBe("CLOSED");
    expect(data.ticket.history.totalCount).toBe(5);
  });

  it("escalates a ticket and shows escalated.withMicrosoft once the worker has filed it", async () => {
    const id = await openTicketViaApi("Browser escalation");
    const page = await signedIn("Hugo Helpdesk");
    await page.goto(`${server.gatewayUrl}/desk/tickets/${id}`);
    await page.getByRole("button", { name: "Start diagnosis" }).click();
    await expectState(page, "diagnosis");
    await page.getByRole("button", { name: "Add diagnosis note..." }).click();
    await page.getByLabel("Note").fill("Message trace shows 550 5.7.1 from the connector");
    await page.getByRole("button", { name: "Add diagnosis note", exact: true }).click();
    await expect.poll(() => page.getByTestId("timeline").textContent()).toContain("550 5.7.1");
    await page.getByText("Escalate to Microsoft...").click();
    await page.getByLabel("Support topic").locator("option").first().waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Escalate", exact: true }).click();
    await expectState(page, "escalated.withMicrosoft", 30_000);
    await expect.poll(() => page.getByTestId("service-request").textContent()).not.toBe("not filed yet");
    await expectAccessible(page, "ticket (escalated)");
    await screenshot(page, "04-ticket-escalated");
  });

  it("a change made by another agent arrives live on the open ticket page", async () => {
    const id = await openTicketViaApi("Browser live change");
    const page = await signedIn("Hugo Helpdesk");
    await page.goto(`${server.gatewayUrl}/desk/tickets/${id}`);
    await page.getByRole("button", { name: "Start diagnosis" }).click();
    await expectState(page, "diagnosis");
    // Ada Admin, over the API: the open page shows her note without a reload.
    await gqlAs("ADMIN_AGENT", "mutation($id: ID!) { addDiagnosisNote(id: $id, expectedVersion: 2, note: \"Tenant-wide DKIM key rotated\") { id } }", { id });
    await expect.poll(() => page.getByTestId("live-note").textContent(), { timeout: 15_000 }).toContain("Ada Admin");
    await expect.poll(() => page.getByTestId("timeline").textContent()).toContain("Tenant-wide DKIM key rotated");
    await screenshot(page, "05-ticket-live-change");
  });

  it("a support lead's audit page draws the statechart with the path highlighted and verifies every event; the export downloads", async () => {
    const id = await openTicketViaApi("Browser audit");
    await gqlAs("HELPDESK_AGENT", "mutation($id: ID!) { startDiagnosis(id: $id, expectedVersion: 1) { id } }", { id });
    await gqlAs("HELPDESK_AGENT", "mutation($id: ID!) { addDiagnosisNote(id: $id, expectedVersion: 2, note: \"Checked the connector\") { id } }", { id });
    const page = await signedIn("Lea Lead");
    await page.getByRole("link", { name: "Audit" }).click();
    await page.getByRole("heading", { name: "Audit", exact: true }).waitFor();
    await page.locator("tbody tr").first().waitFor();
    await expectAccessible(page, "audit log");
    await screenshot(page, "06-audit-log");
    await page.getByLabel("Ticket id").fill(id);
    await page.getByRole("link", { name: id }).first().click();
    await expect.poll(() => page.getByTestId("verification").textContent(), { timeout: 15_000 }).toMatch(/^Verified: 3 events/);
    const chart = page.getByTestId("statechart");
    await chart.locator("svg").waitFor();
    // The ticket's current state carries the diagram's `current` class, passed states `visited`.
    expect(await chart.locator("svg g.current").count()).toBeGreaterThan(0);
    expect(await chart.locator("svg g.visited").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("audit-event").count()).toBe(3);
    await expectAccessible(page, "audit ticket");
    await screenshot(page, "07-audit-ticket");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Export this ticket's events/ }).click()]);
    const lines = readFileSync((await download.path())!, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { ticketId: string; sequence: number });
    expect(lines.map((line) => [line.ticketId, line.sequence])).toEqual([
      [id, 1],
      [id, 2],
      [id, 3],
    ]);
  });

  it("the audit log refuses a helpdesk agent with the API's FORBIDDEN", async () => {
    const page = await signedIn("Hugo Helpdesk");
    await page.goto(`${server.gatewayUrl}/audit`);
    await expect.poll(() => page.locator(".error-code").first().textContent()).toBe("FORBIDDEN");
  });

  it("customers, metrics and workflow pages render with no serious accessibility violation", async () => {
    const page = await signedIn("Lea Lead");
    await page.getByRole("link", { name: "Customers" }).click();
    await page.locator("article.customer").first().waitFor();
    await expectAccessible(page, "customers");
    await screenshot(page, "08-customers");

    await page.getByRole("link", { name: "Metrics" }).click();
    await page.getByTestId("kpis").waitFor();
    await page.locator(".chart canvas").first().waitFor();
    expect(Number(await page.getByTestId("kpis").locator("dd").first().textContent())).toBeGreaterThan(0);
    await expectAccessible(page, "metrics");
    await screenshot(page, "09-metrics");

    await page.getByRole("link", { name: "Workflow" }).click();
    await page.getByTestId("statechart").locator("svg").waitFor();
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(10);
    // Each transition with its guard: escalation is allowed only by the escalationAllowed guard.
    await expect.poll(() => page.locator("tbody tr", { hasText: "Escalate" }).first().textContent()).toContain("escalationAllowed");
    await expectAccessible(page, "workflow");
    await screenshot(page, "10-workflow");
  });

  it("works on a narrow window", async () => {
    const page = await signedIn("Hugo Helpdesk", { width: 390 });
    await page.locator("table.tickets tbody tr").first().waitFor();
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(1);
    await expectAccessible(page, "desk (narrow)");
    await screenshot(page, "11-desk-narrow");
  });

  it("the explorer at /explorer runs { me { displayName } } offline with the signed-in agent's token", async () => {
    const page = await signedIn("Lea Lead");
    await page.goto(`${server.gatewayUrl}/explorer`);
    const run = page.getByRole("button", { name: /Execute query/ });
    await run.waitFor({ timeout: 30_000 });
    // GraphiQL enables its run button before its editors and schema are ready; a click that early runs
    // nothing. Click again while the response pane is still empty, until the answer arrives.
    await run.click();
    const response = page.locator(".graphiql-response");
    await expect
      .poll(
        async () => {
          const text = (await response.innerText()).replace(/\s+/g, " ").trim();
          // Only while the button still says Execute (clicking it while a query runs would stop it).
          if (text === "" && (await run.count()) > 0) await run.click({ timeout: 1_000 }).catch(() => undefined);
          return text;
        },
        { timeout: 40_000, interval: 2_000 },
      )
      .toContain('"displayName": "Lea Lead"');
    await screenshot(page, "12-explorer");
    // Nothing outside the gateway was asked for, by any page of this file.
    expect(contexts.flatMap((entry) => entry.outside)).toEqual([]);
  });

  it("Apollo's landing page is off: GET /graphql in a browser is no CDN page", async () => {
    const response = await fetch(server.graphqlUrl, { headers: { accept: "text/html" } });
    expect(await response.text()).not.toMatch(/cdn\.apollographql\.com/);
  });
});
