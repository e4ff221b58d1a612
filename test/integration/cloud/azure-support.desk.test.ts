import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Agent } from "undici";
import type { CachingTokenCredential } from "../../../src/cloud/auth/caching-token.credential";
import { createTokenCredential } from "../../../src/cloud/auth/token-credential.factory";
import { createAzureSupport, type AzureSupportHandle } from "../../../src/cloud/azure-support/azure-support.factory";
import { azureTopicId } from "../../../src/cloud/azure-support/azure-support.mapper";
import type { ServiceRequestDraft } from "../../../src/cloud/service-request.types";
import { startEmulator, type RunningEmulator } from "../../../src/emulator";
import { AZURE_SERVICES } from "../../../src/emulator/azure-support-catalog";
import { AppError } from "../../../src/errors";

const USER = { assertion: "unused-by-azure" };
const VM = AZURE_SERVICES[0]!;
const TOPIC = azureTopicId(VM.name, VM.problemClassifications[0]!.name);

interface EmulatorTicket {
  name: string;
  supportTicketId: string;
  subscriptionId: string;
  severity: string;
  title: string;
  description: string;
  contactDetails: Record<string, unknown>;
  communications: { communicationDirection: string; body: string; sender: string | null }[];
}

describe("Azure Support adapter against the emulator", () => {
  let emulator: RunningEmulator;
  let agent: Agent;
  let azure: AzureSupportHandle;
  let credential: CachingTokenCredential;
  const withRole = () => emulator.seed.tenants[0]!.id; // active GDAP, Azure plan, support role
  const withoutRole = () => emulator.seed.tenants[4]!.id; // Azure plan visible, no Support Request Contributor

  const control = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: agent,
    } as RequestInit);
    const text = await response.text();
    return { status: response.status, json: text === "" ? undefined : JSON.parse(text) };
  };
  const tickets = async (): Promise<EmulatorTicket[]> => (await control("GET", "/_emulator/azure-support-tickets")).json.supportTickets;

  const draft = (overrides: Partial<ServiceRequestDraft> = {}): ServiceRequestDraft => ({
    customerTenantId: withRole(),
    customerName: "Customer",
    product: "AZURE",
    title: "[PSG-t1] VM does not start",
    description: "Reference: PSG-t1 (t1:escalation:1)\nThe VM fails to boot after resize.",
    severity: "MODERATE",
    supportTopicId: TOPIC,
    contact: { name: "Dana Agent", email: null },
    requestId: "t1:escalation:1",
    ...overrides,
  });

  const build = (allowHighestCriticalImpact = false, retry?: { maxRetries: number; baseDelayMs: number; maxDelayMs: number }): AzureSupportHandle =>
    createAzureSupport({
      ...(retry ? { retry } : {}),
      armBaseUrl: emulator.url,
      partnerTenantId: emulator.partnerTenantId,
      credential,
      caCertPem: emulator.caCertPem,
      timeoutMs: 5000,
      maxRetries: 0,
      allowHighestCriticalImpact,
      contact: {
        firstName: "Partner",
        lastName: "Desk",
        email: "support@contoso-partners.example",
        timeZone: "W. Europe Standard Time",
        country: "DEU",
        language: "en-us",
      },
      customerTenantIds: async () => emulator.seed.tenants.map((tenant) => tenant.id),
    });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 42, tenants: 8 });
    agent = new Agent({ connect: { ca: emulator.caCertPem } });
    credential = createTokenCredential({
      mode: "sandbox",
      authorityUrl: emulator.url,
      partnerTenantId: emulator.partnerTenantId,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      caCertPem: emulator.caCertPem,
    });
    azure = build();
  });

  beforeEach(async () => {
    await control("POST", "/_emulator/reset");
  });

  afterAll(async () => {
    await azure.close();
    await credential.close();
    await agent.close();
    await emulator.close();
  });

  it("lists Azure services and their problem classifications as AZURE support topics", async () => {
    const topics = await azure.topics.listSupportTopics();
    expect(topics).toHaveLength(AZURE_SERVICES.reduce((sum, service) => sum + service.problemClassifications.length, 0));
    expect(topics.every((topic) => topic.product === "AZURE" && topic.id.startsWith("azure:"))).toBe(true);
    expect(topics.find((topic) => topic.id === TOPIC)?.name).toBe(`${VM.displayName} - ${VM.problemClassifications[0]!.displayName}`);
  });

  it("files a ticket with the reference, classification, severity and contact, once per request id", async () => {
    const result = await azure.desk.file(draft(), USER);
    expect(result.outcome).toBe("filed");
    if (result.outcome !== "filed") return;
    const record = result.serviceRequest;
    expect(record.id).toMatch(/^\d{16}$/);
    expect(record).toMatchObject({ status: "OPEN", severity: "MODERATE", customerTenantId: withRole(), title: "[PSG-t1] VM does not start" });

    const [filed] = await tickets();
    expect(filed).toMatchObject({ supportTicketId: record.id, severity: "moderate" });
    expect(filed!.description).toContain("Reference: PSG-t1 (t1:escalation:1)");
    expect(filed!.contactDetails).toMatchObject({ firstName: "Dana", lastName: "Agent", primaryEmailAddress: "support@contoso-partners.example", country: "DEU" });
    expect(filed!.subscriptionId).toBe(emulator.seed.tenants[0]!.subscriptions.find((s) => s.productType.id === "Azure")!.entitlementId);

    // A retry of the same filing (same request id -> same ARM name) is the same ticket.
    const again = await azure.desk.file(draft(), USER);
    expect(again.outcome === "filed" && again.serviceRequest.id).toBe(record.id);
    expect(await tickets()).toHaveLength(1);
  });

  it("maps CRITICAL to critical, or to highestcriticalimpact where the contract allows it", async () => {
    await azure.desk.file(draft({ severity: "CRITICAL", requestId: "c1" }), USER);
    const premier = build(true);
    await premier.desk.file(draft({ severity: "CRITICAL", requestId: "c2" }), USER);
    await premier.close();
    expect((await tickets()).map((ticket) => ticket.severity)).toEqual(["critical", "highestcriticalimpact"]);
  });

  it("reads status and communications: Microsoft's message needs attention, the partner's answer reopens, close closes", async () => {
    const filed = await azure.desk.file(draft(), USER);
    if (filed.outcome !== "filed") throw new Error("not filed");
    const id = filed.serviceRequest.id;

    await control("POST", `/_emulator/azure-support-tickets/${id}/communications`, { body: "Please send the boot diagnostics." });
    const asked = await azure.desk.get(id, USER);
    expect(asked.status).toBe("ATTENTION_NEEDED");
    expect(asked.notes.at(-1)).toMatchObject({ author: "MICROSOFT", text: "Please send the boot diagnostics." });

    const answered = await azure.desk.addNote(id, "Diagnostics attached in the portal.", "note-1", USER);
    expect(answered.status).toBe("OPEN");
    expect(answered.notes.at(-1)).toMatchObject({ author: "PARTNER", text: "Diagnostics attached in the portal." });
    await azure.desk.addNote(id, "Diagnostics attached in the portal.", "note-1", USER); // repeat: no second message
    const [ticket] = await tickets();
    // The partner's messages are the customer side's: outbound (Azure's examples).
    expect(ticket!.communications.filter((item) => item.communicationDirection === "outbound")).toHaveLength(1);
    expect(ticket!.communications[1]!.sender).toBe("support@contoso-partners.example");

    await control("POST", `/_emulator/azure-support-tickets/${id}/status`, { status: "closed", note: "Resize to a supported SKU fixed it." });
    const closed = await azure.desk.get(id, USER);
    expect(closed.status).toBe("CLOSED");
    expect(closed.notes.at(-1)).toMatchObject({ author: "MICROSOFT", text: "Resize to a supported SKU fixed it." });
    await expect(azure.desk.addNote(id, "late", "note-2", USER)).rejects.toBeInstanceOf(AppError);
  });

  it("finds a ticket by reference (crash-safe look-up) and lists a customer's tickets", async () => {
    const filed = await azure.desk.file(draft(), USER);
    await azure.desk.file(draft({ description: "Reference: PSG-t2 (t2:escalation:1)\nother", requestId: "t2:escalation:1" }), USER);
    expect(await azure.desk.listByCustomer(withRole(), USER)).toHaveLength(2);
    const found = await azure.desk.findByReference(withRole(), "Reference: PSG-t1 (t1:escalation:1)", USER);
    expect(found?.id).toBe(filed.outcome === "filed" ? filed.serviceRequest.id : null);
    expect(await azure.desk.findByReference(withRole(), "Reference: PSG-none (x)", USER)).toBeNull();
  });

  it("finds a ticket filed by another process by searching the customers (after a restart)", async () => {
    const filed = await azure.desk.file(draft(), USER);
    const fresh = build();
    const record = await fresh.desk.get(filed.outcome === "filed" ? filed.serviceRequest.id : "", USER);
    expect(record.customerTenantId).toBe(withRole());
    await fresh.close();
    // An unknown number: one search over the customers, then no new search for a while.
    const other = build();
    await control("POST", "/_emulator/requests/reset");
    await expect(other.desk.get("2699999999999999", USER)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const afterSearch = (await control("GET", "/_emulator/requests")).json.total as number;
    expect(afterSearch).toBeGreaterThan(0);
    await expect(other.desk.get("2699999999999999", USER)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await control("GET", "/_emulator/requests")).json.total).toBe(afterSearch);
    await other.close();
  });

  it("reports a missing Support Request Contributor role as a permanent FORBIDDEN naming the role", async () => {
    const error = await azure.desk.file(draft({ customerTenantId: withoutRole() }), USER).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "FORBIDDEN", details: { role: "Support Request Contributor", permanent: true } });
    expect((error as Error).message).toContain('"Support Request Contributor"');
    expect(await tickets()).toHaveLength(0);
  });

  it("refuses a topic that is not an Azure problem classification, before calling Azure", async () => {
    await expect(azure.desk.file(draft({ supportTopicId: "32444682" }), USER)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      details: { permanent: true },
    });
  });

  it("turns faults into retryable errors with Retry-After, and counts ARM calls", async () => {
    await control("POST", "/_emulator/requests/reset");
    await control("POST", "/_emulator/faults", { match: "/supportTickets/", status: 503, retryAfterSeconds: 2, times: 1 });
    await expect(azure.desk.file(draft(), USER)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryAfterSeconds: 2 } });
    expect(await tickets()).toHaveLength(0);
    await control("POST", "/_emulator/faults", { match: "/supportTickets/", status: 429, retryAfterSeconds: 1, times: 1 });
    await expect(azure.desk.file(draft(), USER)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const counts = (await control("GET", "/_emulator/requests")).json;
    expect(counts.byRoute["PUT /subscriptions/{subscriptionId}/providers/Microsoft.Support/supportTickets/{name}"]).toBe(2);
    expect(counts.byRoute["GET /subscriptions"]).toBe(2);
  });

  it("retries an ARM 503 on the subscriptions listing with the shared upstream retry policy, then files once", async () => {
    const retrying = build(false, { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1000 });
    try {
      await control("POST", "/_emulator/requests/reset");
      await control("POST", "/_emulator/faults", { match: "^/subscriptions$", tenant: withRole(), status: 503, times: 1 });
      const result = await retrying.desk.file(draft({ requestId: "t1:escalation:retry" }), USER);
      expect(result.outcome).toBe("filed");
      expect(await tickets()).toHaveLength(1);
      const counts = (await control("GET", "/_emulator/requests")).json;
      expect(counts.byRoute["GET /subscriptions"]).toBe(2); // the 503, then the answer
      expect(counts.byRoute["PUT /subscriptions/{subscriptionId}/providers/Microsoft.Support/supportTickets/{name}"]).toBe(1);
    } finally {
      await retrying.close();
    }
  });

  it("gives up on a subscriptions listing that keeps answering 503: UPSTREAM_UNAVAILABLE after maxRetries, nothing filed", async () => {
    const retrying = build(false, { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1000 });
    try {
      await control("POST", "/_emulator/requests/reset");
      await control("POST", "/_emulator/faults", { match: "^/subscriptions$", tenant: withRole(), status: 503 });
      await expect(retrying.desk.file(draft({ requestId: "t1:escalation:down" }), USER)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
      expect(await tickets()).toHaveLength(0);
      expect((await control("GET", "/_emulator/requests")).json.byRoute["GET /subscriptions"]).toBe(3);
    } finally {
      await control("DELETE", "/_emulator/faults");
      await retrying.close();
    }
  });

  it("emulator: refuses tokens for another audience or tenant and calls without api-version", async () => {
    const graphToken = await credential.getToken("https://graph.microsoft.com/.default", { tenantId: withRole() });
    const armOther = await credential.getToken("https://management.azure.com/.default", { tenantId: emulator.seed.tenants[6]!.id });
    const sub = emulator.seed.tenants[0]!.subscriptions.find((s) => s.productType.id === "Azure")!.entitlementId;
    const call = async (path: string, token: string) =>
      fetch(`${emulator.url}${path}`, { headers: { Authorization: `Bearer ${token}` }, dispatcher: agent } as RequestInit);
    const tickets = `/subscriptions/${sub}/providers/Microsoft.Support/supportTickets`;
    expect((await call(`${tickets}?api-version=2020-04-01`, graphToken!.token)).status).toBe(401);
    const wrongTenant = await call(`${tickets}?api-version=2020-04-01`, armOther!.token);
    expect(wrongTenant.status).toBe(401);
    expect(((await wrongTenant.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationTokenTenant");
    const armRight = await credential.getToken("https://management.azure.com/.default", { tenantId: withRole() });
    const noVersion = await call(tickets, armRight!.token);
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as { error: { code: string } }).error.code).toBe("MissingApiVersionParameter");
    const badFilter = await call(`${tickets}?api-version=2020-04-01&$filter=${encodeURIComponent("title eq 'x'")}`, armRight!.token);
    expect(badFilter.status).toBe(400);
  });

  it("emulator control: validates input and names unknown tickets", async () => {
    expect((await control("POST", "/_emulator/azure-support-tickets/nope/status", { status: "closed" })).status).toBe(404);
    expect((await control("POST", "/_emulator/azure-support-tickets/nope/status", { status: "weird" })).status).toBe(400);
    expect((await control("POST", "/_emulator/azure-support-tickets/nope/communications", {})).status).toBe(400);
  });
});
