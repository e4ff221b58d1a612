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

/** The ticket page's timeline, and the errors it shows (so a failed wait says why). */
async function timelineAndErrors(page: Page): Promise<string> {
  return `${await page.getByTestId("timeline").textContent()} ${(await page.locator(".errors").allTextContents()).join(" ")}`;
}

/** The ids of the desk's rows, in order, and any error codes it shows (so a failed wait says why). */
async function listedIds(page: Page): Promise<string[]> {
  const ids = await page.locator("table.tickets tbody tr[data-ticket-id]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-ticket-id") ?? ""));
  return [...ids, ...(await page.locator(".errors .error").allTextContents())];
}

/** The number a desk tab shows, e.g. "Diagnosis 7" -> 7 (NaN while it loads). */
async function tabCount(page: Page, state: string): Promise<number> {
  return Number(await page.locator(`[role=tab][data-state=${state}] .count`).textContent());
}

/** The navigation's unacknowledged-alerts badge as a number (0 when it is hidden), its number and its label for screen readers checked to agree. */
async function badgeCount(page: Page): Promise<number> {
  if ((await page.getByTestId("alert-count").count()) === 0) return 0;
  const label = (await page.getByTestId("alert-count").locator(".visually-hidden").textContent()) ?? "";
  const match = /^, (\d+) unacknowledged$/.exec(label);
  expect(match, `badge label "${label}"`).not.toBeNull();
  const shown = Number(await page.getByTestId("alert-count").locator("[aria-hidden=true]").textContent());
  expect(shown, "the number shown is the number in the label").toBe(Number(match![1]));
  return shown;
}

/** The API's count of the alerts a helpdesk agent has not acknowledged. */
async function unacknowledgedAlerts(): Promise<number> {
  return (await gqlAs("HELPDESK_AGENT", "{ alerts(filter: { acknowledged: false }, first: 0) { totalCount } }")).alerts.totalCount as number;
}

/** The ticket the browser escalated (filed with Microsoft), for the tests that follow it. */
let escalatedId = "";

/** Waits for the ticket page to show `state`; on a timeout the message carries the errors the page shows. */
async function expectState(page: Page, state: string | RegExp, timeout = 10_000): Promise<void> {
  const seen = async () => `${await stateOf(page).textContent()} ${(await page.locator(".errors").allTextContents()).join(" ")}`.trim();
  await expect.poll(seen, { timeout }).toMatch(typeof state === "string" ? new RegExp(`^${state.replace(/\./g, "\\.")}$`) : state);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  dataDir = mkdtempSync(join(tmpdir(), "psg-browser-"));
  // As `npm start` runs it, with demo tickets; escalations sync every 500 ms so withMicrosoft shows quickly.
  // Alerts and their sandbox sink on, as `npm start` has them (the Alerts page's feed and live arrival).
  [server, chromium] = await Promise.all([
    spawnBuiltServer(dataDir, { DEMO_DATA: "on", SYNC_INTERVAL_MS: "500", DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`, ALERTS: "on", ALERT_SINK: "on" }),
    launchBrowser(),
  ]);
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

  it("the desk's tab counts are the API's ticketCounts; search and sort run on the server, across pages", async () => {
    const marker = `Quokka${Date.now().toString(36)}`;
    const id = await openTicketViaApi(`Browser search ${marker}`);
    const page = await signedIn("Hugo Helpdesk");
    await page.locator("table.tickets tbody tr[data-ticket-id]").first().waitFor();
    const counts = (await gqlAs("HELPDESK_AGENT", "{ ticketCounts { total byState { state count } } }")).ticketCounts as { total: number; byState: { state: string; count: number }[] };
    expect(counts.total).toBeGreaterThan(25);
    await expect.poll(() => tabCount(page, "ALL"), { timeout: 10_000 }).toBe(counts.total);
    for (const { state, count } of counts.byState) expect(await tabCount(page, state), state).toBe(count);

    // Oldest first: the ticket just opened is on the last page, not among the 25 rows loaded.
    const oldest = (await gqlAs("HELPDESK_AGENT", "{ tickets(first: 25, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { id } } } }")).tickets.edges.map((edge: any) => edge.node.id) as string[];
    expect(oldest).not.toContain(id);
    await page.getByLabel("Sort by").selectOption("CREATED_AT:ASC");
    await expect.poll(() => listedIds(page), { timeout: 10_000 }).toEqual(oldest);

    // The server's search finds it (a word of its title, in lower case) and the counts follow the search.
    await page.getByRole("searchbox", { name: "Search" }).fill(marker.toLowerCase());
    await expect.poll(() => listedIds(page), { timeout: 10_000 }).toEqual([id]);
    await expect.poll(() => tabCount(page, "ALL"), { timeout: 10_000 }).toBe(1);
    expect(await tabCount(page, "INTAKE")).toBe(1);
    expect(await tabCount(page, "DIAGNOSIS")).toBe(0);

    // Filters go to the server too: nobody is assigned to the new ticket.
    await page.getByLabel("Assignee").selectOption("agent-hugo");
    await expect.poll(() => tabCount(page, "ALL"), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator("table.tickets tbody").textContent(), { timeout: 10_000 }).toContain("No tickets.");
    await page.getByLabel("Assignee").selectOption("UNASSIGNED");
    await expect.poll(() => listedIds(page), { timeout: 10_000 }).toEqual([id]);
    await expect.poll(() => tabCount(page, "ALL"), { timeout: 10_000 }).toBe(1);
    // It has not breached, and it was opened today, not from the next day on.
    await page.locator("label", { hasText: /^SLA/ }).locator("select").selectOption("true");
    await expect.poll(() => tabCount(page, "ALL"), { timeout: 10_000 }).toBe(0);
    await page.locator("label", { hasText: /^SLA/ }).locator("select").selectOption("false");
    await expect.poll(() => tabCount(page, "ALL"), { timeout: 10_000 }).toBe(1);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    await page.getByLabel("Opened from").fill(day(tomorrow));
    await expect.poll(() => tabCount(page, "ALL"), { timeout: 10_000 }).toBe(0);
    await page.getByLabel("Opened from").fill(day(new Date()));
    await expect.poll(() => listedIds(page), { timeout: 10_000 }).toEqual([id]);
    await screenshot(page, "02b-desk-search");
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
    await expect.poll(() => timelineAndErrors(page), { timeout: 10_000 }).toContain("550 5.7.1");
    await page.getByText("Escalate to Microsoft...").click();
    await page.getByLabel("Support topic").locator("option").first().waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Escalate", exact: true }).click();
    await expectState(page, "escalated.withMicrosoft", 30_000);
    await expect.poll(() => page.getByTestId("service-request").textContent()).not.toBe("not filed yet");
    await expectAccessible(page, "ticket (escalated)");
    await screenshot(page, "04-ticket-escalated");
    escalatedId = id;
  });

  it("Microsoft's question shows in the escalation panel and arrives live on the Alerts page, is acknowledged there, and the desk's answer shows", async () => {
    expect(escalatedId, "the escalation test ran first").not.toBe("");
    const serviceRequestId = (await gqlAs("HELPDESK_AGENT", "query($id: ID!) { ticket(id: $id) { escalation { serviceRequestId } } }", { id: escalatedId })).ticket.escalation.serviceRequestId as string;
    const ticketPage = await signedIn("Hugo Helpdesk");
    await ticketPage.goto(`${server.gatewayUrl}/desk/tickets/${escalatedId}`);
    await expectState(ticketPage, "escalated.withMicrosoft");
    await expect.poll(() => ticketPage.getByTestId("escalation-messages").locator("li").count()).toBe(0);

    const alertsPage = await signedIn("Hugo Helpdesk");
    // The alertRaised subscription is sent once the page is up: wait for it before Microsoft asks.
    const sent: string[] = [];
    alertsPage.on("websocket", (socket) => socket.on("framesent", (frame) => sent.push(String(frame.payload))));
    await alertsPage.goto(`${server.gatewayUrl}/alerts`);
    await alertsPage.getByRole("heading", { name: "Alerts", exact: true }).waitFor();
    // (The page's own AlertLive, not the navigation badge's AlertCountLive.)
    await expect.poll(() => sent.some((frame) => frame.includes('"subscribe"') && frame.includes("subscription AlertLive(")), { timeout: 15_000 }).toBe(true);
    // The badge beside "Alerts" is the API's count of unacknowledged alerts.
    await expect.poll(async () => (await badgeCount(alertsPage)) === (await unacknowledgedAlerts()), { timeout: 10_000 }).toBe(true);
    const countBefore = await badgeCount(alertsPage);

    const asked = await server.emulator(`/_emulator/service-requests/${serviceRequestId}/status`, { status: "attention_needed", note: "Please send the message headers of one affected mail." });
    expect(asked.status).toBeLessThan(300);

    // Live: the alert arrives without a reload, marked new, about this ticket.
    const alert = alertsPage.locator('[data-kind="MICROSOFT_ACTION_REQUIRED"]', { has: alertsPage.getByRole("link", { name: "Browser escalation" }) }).filter({ has: alertsPage.locator(".badge.new") });
    await alert.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => alertsPage.getByTestId("alerts-live-note").textContent()).toMatch(/^New alert: /);
    const alertId = await alert.first().getAttribute("data-alert-id");
    expect(alertId).toMatch(/^alrt_/);
    // The badge counted it live (alertRaised), with an accessible name on the Alerts link.
    await expect.poll(async () => (await badgeCount(alertsPage)) > countBefore && (await badgeCount(alertsPage)) === (await unacknowledgedAlerts()), { timeout: 15_000 }).toBe(true);
    const countRaised = await badgeCount(alertsPage);
    const alertsLink = alertsPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Alerts/ });
    expect(await alertsLink.ariaSnapshot()).toMatch(new RegExp(`^- link "Alerts\\W*${countRaised} unacknowledged"`));
    await expectAccessible(alertsPage, "alerts");
    await screenshot(alertsPage, "14-alerts-live");
    await alert.first().getByRole("button", { name: "Acknowledge" }).click();
    await expect.poll(() => alertsPage.locator(`[data-alert-id="${alertId}"] [data-testid=acknowledged]`).textContent()).toMatch(/^Acknowledged by Hugo Helpdesk/);
    // Acknowledging it takes it off the badge at once: one fewer, plus any alert the background
    // scanner raised meanwhile (counted from the feed), and always the API's own count.
    const unacknowledgedIds = async (): Promise<string[]> =>
      (await gqlAs("HELPDESK_AGENT", "{ alerts(filter: { acknowledged: false }, first: 100) { edges { node { id } } } }")).alerts.edges.map((edge: any) => edge.node.id as string);
    await expect
      .poll(
        async () => {
          const [badge, api, ids] = [await badgeCount(alertsPage), await unacknowledgedAlerts(), await unacknowledgedIds()];
          return badge === api && !ids.includes(alertId ?? "") && badge >= countRaised - 1;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const acknowledged = (await gqlAs("HELPDESK_AGENT", "{ alerts(filter: { acknowledged: true, kinds: [MICROSOFT_ACTION_REQUIRED] }, first: 100) { edges { node { id acknowledgedBy ticket { id } } } } }")).alerts.edges.map((edge: any) => edge.node);
    expect(acknowledged).toContainEqual({ id: alertId, acknowledgedBy: "agent-hugo", ticket: { id: escalatedId } });
    // Filtered by the server: unacknowledged alerts no longer list it.
    await alertsPage.getByLabel("Acknowledged").selectOption("false");
    await expect.poll(async () => (await alertsPage.getByTestId("alerts").getAttribute("aria-busy")) === "false" && (await alertsPage.locator(`[data-alert-id="${alertId}"]`).count())).toBe(0);

    // The ticket page (live over ticketEvents) shows Microsoft's message; the desk answers it.
    await expectState(ticketPage, "escalated.actionRequired", 30_000);
    const messages = ticketPage.getByTestId("escalation-messages");
    await expect.poll(() => messages.locator('[data-direction="FROM_MICROSOFT"]').textContent()).toContain("Please send the message headers of one affected mail.");
    await ticketPage.getByRole("button", { name: "Respond to Microsoft..." }).click();
    await ticketPage.getByLabel("Response").fill("Headers attached: 550 5.7.1 from the outbound connector.");
    await ticketPage.getByRole("button", { name: "Respond to Microsoft", exact: true }).click();
    await expect.poll(() => messages.locator('[data-direction="TO_MICROSOFT"]').textContent()).toContain("Headers attached: 550 5.7.1");
    expect(await messages.locator("li").count()).toBe(2);
    await expectAccessible(ticketPage, "ticket (messages with Microsoft)");
    await screenshot(ticketPage, "04b-ticket-messages");

    // The alert's own link (Alert.link, as webhooks and mail carry it) opens the ticket in the console.
    const link = (await gqlAs("HELPDESK_AGENT", "{ alerts(filter: { kinds: [MICROSOFT_ACTION_REQUIRED] }, first: 100) { edges { node { id link customerName } } } }")).alerts.edges.map((edge: any) => edge.node).find((node: any) => node.id === alertId);
    await alertsPage.goto(`${server.gatewayUrl}${new URL(link.link).pathname}`);
    await alertsPage.waitForURL(new RegExp(`/desk/tickets/${escalatedId}$`));
    await alertsPage.getByRole("heading", { name: "Browser escalation" }).waitFor();
    // A customer link (what access alerts carry) opens the customers page on that customer.
    await alertsPage.goto(`${server.gatewayUrl}/alerts`);
    await alertsPage.locator(`[data-alert-id="${alertId}"]`).getByRole("link", { name: link.customerName }).click();
    await alertsPage.waitForURL(/\/customers\?search=/);
    await expect.poll(() => alertsPage.locator("article.customer h2").allTextContents(), { timeout: 10_000 }).toContain(link.customerName);
  });

  it("the Alerts page shows a sales agent the API's FORBIDDEN", async () => {
    const page = await signedIn("Sam Sales");
    await page.getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("heading", { name: "Alerts", exact: true }).waitFor();
    await expect.poll(() => page.locator(".error-code").first().textContent()).toBe("FORBIDDEN");
    expect(await page.locator(".errors").textContent()).toMatch(/FORBIDDEN\s+\S/);
    expect(await page.locator("[data-alert-id]").count()).toBe(0);
    // No count beside "Alerts" either (the navigation shows no error of its own).
    expect(await page.getByTestId("alert-count").count()).toBe(0);
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
    await expect.poll(() => timelineAndErrors(page), { timeout: 10_000 }).toContain("Tenant-wide DKIM key rotated");
    await screenshot(page, "05-ticket-live-change");
  });

  it("the ticket page reads its timeline (Ticket.timeline) a page at a time, past the first 100 entries", async () => {
    const id = await openTicketViaApi("Browser long timeline");
    await gqlAs("HELPDESK_AGENT", "mutation($id: ID!) { startDiagnosis(id: $id, expectedVersion: 1) { id } }", { id });
    // Opened (1 entry), diagnosis started (assignment and state change), 102 notes: 105 entries, three pages of 50.
    for (let note = 1; note <= 102; note++) await gqlAs("HELPDESK_AGENT", "mutation($id: ID!, $note: String!) { addDiagnosisNote(id: $id, note: $note) { id } }", { id, note: `Trace step ${note} checked` });
    const total = (await gqlAs("HELPDESK_AGENT", "query($id: ID!) { ticket(id: $id) { timeline(first: 0) { totalCount } } }", { id })).ticket.timeline.totalCount as number;
    expect(total).toBe(105);
    const page = await signedIn("Hugo Helpdesk");
    await page.goto(`${server.gatewayUrl}/desk/tickets/${id}`);
    const timeline = page.getByTestId("timeline");
    await expect.poll(() => page.getByTestId("timeline-count").textContent(), { timeout: 10_000 }).toBe("50 of 105 entries");
    expect(await timelineAndErrors(page)).toContain("Note: Trace step 47 checked");
    expect(await timelineAndErrors(page)).not.toContain("Trace step 48 checked");
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => page.getByTestId("timeline-count").textContent(), { timeout: 10_000 }).toBe("100 of 105 entries");
    expect(await timelineAndErrors(page)).toContain("Trace step 97 checked");
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => page.getByTestId("timeline-count").textContent(), { timeout: 10_000 }).toBe("105 of 105 entries");
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    // Each entry once, oldest first (the events' sequences never go back), the API's ids.
    const shown = await timeline.locator("li").evaluateAll((items) => items.map((item) => ({ id: item.getAttribute("data-entry-id"), sequence: Number(item.getAttribute("data-sequence")) })));
    const ids = (await gqlAs("HELPDESK_AGENT", "query($id: ID!) { ticket(id: $id) { timeline(first: 100) { edges { node { id } } } } }", { id })).ticket.timeline.edges.map((edge: any) => edge.node.id) as string[];
    expect(shown.slice(0, 100).map((entry) => entry.id)).toEqual(ids);
    expect(new Set(shown.map((entry) => entry.id)).size).toBe(105);
    expect(shown.map((entry) => entry.sequence)).toEqual(shown.map((entry) => entry.sequence).sort((a, b) => a - b));
    expect(await timeline.locator("li").last().textContent()).toContain("Note: Trace step 102 checked");
    // A change once every page is loaded arrives at the end.
    await page.getByRole("button", { name: "Add diagnosis note..." }).click();
    await page.getByLabel("Note").fill("Trace complete");
    await page.getByRole("button", { name: "Add diagnosis note", exact: true }).click();
    await expect.poll(() => page.getByTestId("timeline-count").textContent(), { timeout: 10_000 }).toBe("106 of 106 entries");
    expect(await timeline.locator("li").last().textContent()).toContain("Note: Trace complete");
    await expectAccessible(page, "ticket (long timeline)");
    await screenshot(page, "05b-ticket-timeline-paged");
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
    // The breakdowns and the per-day series: a chart each, and the API's figures beside it.
    const to = new Date(Date.now() + 60_000);
    const metrics = (
      await gqlAs("SUPPORT_LEAD", "query($from: DateTime!, $to: DateTime!) { ticketMetrics(from: $from, to: $to) { bySeverity { key ticketCount openCount breachCount } byAgent { key } byCustomer { key } byProduct { key } daily { date opened closed backlog } } }", {
        from: new Date(to.getTime() - 30 * 86_400_000).toISOString(),
        to: to.toISOString(),
      })
    ).ticketMetrics;
    for (const [testId, groups] of [["by-agent", metrics.byAgent], ["by-customer", metrics.byCustomer], ["by-severity", metrics.bySeverity], ["by-product", metrics.byProduct]] as const) {
      await page.getByTestId(testId).locator("canvas").waitFor();
      expect(await page.getByTestId(testId).locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-key"))), testId).toEqual(groups.map((group: any) => group.key));
    }
    expect(metrics.bySeverity.length).toBeGreaterThan(0);
    for (const group of metrics.bySeverity) {
      const cells = await page.getByTestId("by-severity").locator(`tbody tr[data-key="${group.key}"] td`).allTextContents();
      expect([cells[0], cells[1], cells[2]?.split(" ")[0]].map(Number), group.key).toEqual([group.ticketCount, group.openCount, group.breachCount]);
    }
    await page.getByTestId("per-day").locator("canvas").waitFor();
    const today = metrics.daily[metrics.daily.length - 1];
    const todayCells = await page.getByTestId("per-day").locator(`tbody tr[data-date="${today.date}"] td`).allTextContents();
    expect(todayCells.slice(0, 3).map(Number)).toEqual([today.opened, today.closed, today.backlog]);
    expect(today.opened).toBeGreaterThan(0);
    await expectAccessible(page, "metrics");
    await screenshot(page, "09-metrics");

    await page.getByRole("link", { name: "Workflow" }).click();
    await page.getByTestId("statechart").locator("svg").waitFor();
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(10);
    // Each transition with its guard, as the API names it (WorkflowTransition.guard).
    const transitions = (await gqlAs("SUPPORT_LEAD", "{ ticketWorkflow { transitions { event from guard } } }")).ticketWorkflow.transitions as { event: string; from: string; guard: string | null }[];
    const shown = await page.locator("tbody tr[data-event]").evaluateAll((rows) => rows.map((row) => [row.getAttribute("data-event"), row.getAttribute("data-from"), row.querySelector("[data-testid=guard]")?.textContent]));
    expect(shown).toEqual(transitions.map((transition) => [transition.event, transition.from, transition.guard ?? "-"]));
    expect(transitions.filter((transition) => transition.guard !== null).length).toBeGreaterThan(0);
    await expect.poll(() => page.locator("tbody tr[data-event=ESCALATE]").first().textContent()).toContain("escalationAllowed");
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
    // The Alerts page wraps too.
    await page.getByRole("link", { name: "Alerts" }).click();
    await page.locator("[data-alert-id]").first().waitFor();
    expect(await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth")).toBeLessThanOrEqual(1);
    await expectAccessible(page, "alerts (narrow)");
    await screenshot(page, "15-alerts-narrow");
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
