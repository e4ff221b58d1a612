import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MicrosoftSupport, type CommunicationDetails } from "@azure/arm-support";
import { nextSubscriptionsPageUrl, parseSubscriptionPage } from "../../src/cloud/azure-support/arm-subscriptions.page";
import { createAzureSupport, type AzureSupportHandle } from "../../src/cloud/azure-support/azure-support.factory";
import {
  azureTopicId,
  toServiceRequestRecord,
  toSupportTicketDetails,
  toSupportTopics,
} from "../../src/cloud/azure-support/azure-support.mapper";
import type { ServiceRequestDraft } from "../../src/cloud/service-request.types";
import { AZURE_SERVICES } from "../../src/emulator/azure-support-catalog";
import { AppError } from "../../src/errors";
import { loadFixture } from "../fixtures/load-fixture";
import { startKit, type EmulatorKit } from "../integration/emulator/emulator-test-kit";
import { loadSwagger, violations } from "./support/swagger-schema";

/**
 * Azure Support and the ARM subscriptions listing, both ways (issue 12): (a) the mappers read
 * the azure-rest-api-specs examples into the right domain values and the request the desk sends
 * conforms to the swagger; (b) every emulator answer on the routes the gateway calls validates
 * against the swagger definitions, closed (no property the swagger does not define), errors
 * included. Sources: test/fixtures/microsoft/SOURCES.md.
 */
interface Example<T = unknown> {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: T; headers?: Record<string, string> }>;
}
const example = <T>(name: string): Example<T> => loadFixture<Example<T>>(`microsoft/azure/2020-04-01/${name}.json`);

const created = example<{ properties: Record<string, unknown> }>("CreateTechnicalSupportTicketForSubscription");
const got = example<{ properties: Record<string, unknown> }>("GetSubscriptionSupportTicketDetails");
const listed = example<{ value: { properties: Record<string, unknown> }[] }>("ListSupportTicketsCreatedOnOrAfterAndInOpenStateBySubscription");
const communications = example<{ value: { properties: Record<string, unknown> }[] }>("ListCommunicationsForSubscriptionSupportTicket");
const newCommunication = example<{ properties: Record<string, unknown> }>("CreateSupportTicketCommunication");
const services = example<{ value: { name: string; properties: { displayName: string } }[] }>("ListServices");
const classifications = example<{ value: { name: string; properties: { displayName: string } }[] }>("ListProblemClassifications");
const subscriptions = loadFixture<Example>("microsoft/azure/GetSubscriptions-2022-12-01.json");

/** ARM resources arrive with their `properties` flattened by the SDK: what the desk's mappers receive. */
const flatten = <T>(resource: { properties?: Record<string, unknown> } & Record<string, unknown>): T => {
  const { properties, ...rest } = resource;
  return { ...rest, ...properties } as T;
};

const support = loadSwagger("2020-04-01/support.definitions.json", { strict: true });
const supportOpen = loadSwagger("2020-04-01/support.definitions.json", { strict: false });
const resources = loadSwagger("subscriptions-2022-12-01.definitions.json", { strict: true });
const resourcesOpen = loadSwagger("subscriptions-2022-12-01.definitions.json", { strict: false });

describe("Azure Support mappers read Microsoft's examples", () => {
  it("a created ticket (CreateTechnicalSupportTicketForSubscription 200) becomes an open MODERATE record", () => {
    const record = toServiceRequestRecord(flatten(created.responses["200"]!.body!), [], "tenant-1");
    expect(record).toEqual({
      id: "119120321001170",
      status: "OPEN",
      title: "my title",
      description: "my description",
      severity: "MODERATE",
      customerTenantId: "tenant-1",
      notes: [],
      createdAt: new Date("2020-03-20T21:36:18Z"),
      lastUpdatedAt: new Date("2020-03-20T21:36:23Z"),
    });
  });

  it("a ticket with its communications (Get + ListCommunications): the customer's outbound messages are the partner's notes", () => {
    const notes = communications.responses["200"]!.body!.value.map((item) => flatten<CommunicationDetails>(item));
    const record = toServiceRequestRecord(flatten(got.responses["200"]!.body!), notes, "tenant-1");
    expect(record).toMatchObject({ id: "118032014183770", status: "OPEN", severity: "MINIMAL", title: "Test - please ignore" });
    expect(record!.notes).toEqual([
      { text: "this is a test message", author: "PARTNER", createdAt: new Date("2016-08-24T20:18:19Z") },
      { text: "test", author: "PARTNER", createdAt: new Date("2016-08-29T10:53:19Z") },
    ]);
    // The example's "a test message from a customer!" answers outbound: the customer's side is outbound.
    expect(newCommunication.responses["200"]!.body!.properties["communicationDirection"]).toBe("outbound");
  });

  it("a listed page (status eq 'Open' and createdDate ge ...) becomes one record per ticket", () => {
    const records = listed.responses["200"]!.body!.value.map((item) => toServiceRequestRecord(flatten(item), [], null));
    expect(records.map((record) => [record?.id, record?.status, record?.severity])).toEqual([
      ["119120321001170", "OPEN", "MODERATE"],
      ["118032014183771", "OPEN", "MINIMAL"],
    ]);
  });

  it("services and problem classifications (ListServices, ListProblemClassifications) become AZURE support topics", () => {
    const service = services.responses["200"]!.body!.value[0]!;
    const topics = toSupportTopics(
      { name: service.name, displayName: service.properties.displayName },
      classifications.responses["200"]!.body!.value.map((item) => ({ name: item.name, displayName: item.properties.displayName })),
    );
    expect(topics[0]).toEqual({
      id: azureTopicId("service_guid_1", "problemClassification_guid_1"),
      name: "Billing - Reservation Management / Exchanges and Refunds",
      description: "Azure Support: Billing",
      product: "AZURE",
    });
    expect(topics).toHaveLength(4);
  });

  it("the subscriptions listing (GetSubscriptions 2022-12-01) parses; its placeholder nextLink '...' is refused, not followed", () => {
    const page = parseSubscriptionPage(subscriptions.responses["200"]!.body);
    expect(page.subscriptions).toEqual([
      { subscriptionId: "291bba3f-e0a5-47bc-a099-3bdcb2a50a05", tenantId: "31c75423-32d6-4322-88b7-c478bdde4858", displayName: "Example Subscription", state: "Enabled" },
      { subscriptionId: "72ac930a-f34e-42d8-b06d-dc2a9e12ed71", tenantId: "2a0ff0de-96b2-4859-bb7c-a430d07a3e0c", displayName: "Example Subscription2", state: "Enabled" },
    ]);
    expect(page.nextLink).toBe("...");
    expect(() => nextSubscriptionsPageUrl(page.nextLink!, "https://management.azure.com")).toThrow(AppError);
  });

  it("the create body the desk sends conforms to SupportTicketDetails (2020-04-01), like the example's request", () => {
    const draft: ServiceRequestDraft = {
      customerTenantId: "tenant-1",
      customerName: "Customer",
      product: "AZURE",
      title: "[PSG-1] VM does not start",
      description: "Reference: PSG-1",
      severity: "CRITICAL",
      supportTopicId: "azure:svc:pc",
      contact: { name: "Dana Agent", email: "dana@partner.example" },
      requestId: "r-1",
    };
    const body = toSupportTicketDetails(
      draft,
      { serviceId: "/providers/Microsoft.Support/services/svc", problemClassificationId: "/providers/Microsoft.Support/services/svc/problemClassifications/pc" },
      { firstName: "Partner", lastName: "Desk", email: "desk@partner.example", timeZone: "W. Europe Standard Time", country: "DEU", language: "en-us" },
      false,
    );
    expect(violations(support, "SupportTicketDetails", { properties: body })).toBe("");
    expect(violations(support, "SupportTicketDetails", created.parameters["createSupportTicketParameters"])).toBe("");
  });

  it("the SDK the desk uses sends api-version 2020-04-01, which defines no advancedDiagnosticConsent (a newer version must add it)", () => {
    const client = new MicrosoftSupport({ getToken: async () => null }, "00000000-0000-0000-0000-000000000000");
    expect(client.apiVersion).toBe("2020-04-01");
    // If this changes, 2024-04-01+ requires advancedDiagnosticConsent: toSupportTicketDetails must send it.
    const swagger = loadFixture<{ definitions: Record<string, { properties: Record<string, unknown> }> }>("microsoft/azure/2020-04-01/support.definitions.json");
    expect(Object.keys(swagger.definitions["SupportTicketDetailsProperties"]!.properties)).not.toContain("advancedDiagnosticConsent");
  });

  it("Microsoft's own examples validate against the swagger (open), so the validator is not stricter than Microsoft", () => {
    expect(violations(supportOpen, "SupportTicketDetails", created.responses["200"]!.body)).toBe("");
    // GetSubscriptionSupportTicketDetails carries `productionOutage`, which 2020-04-01 does not define.
    expect(violations(supportOpen, "SupportTicketDetails", got.responses["200"]!.body)).toBe("");
    expect(violations(support, "SupportTicketDetails", got.responses["200"]!.body)).toContain("productionOutage");
    expect(violations(supportOpen, "SupportTicketsListResult", listed.responses["200"]!.body)).toBe("");
    expect(violations(supportOpen, "CommunicationsListResult", communications.responses["200"]!.body)).toBe("");
    expect(violations(supportOpen, "CommunicationDetails", newCommunication.responses["200"]!.body)).toBe("");
    expect(violations(supportOpen, "ServicesListResult", services.responses["200"]!.body)).toBe("");
    expect(violations(supportOpen, "ProblemClassificationsListResult", classifications.responses["200"]!.body)).toBe("");
    expect(violations(resourcesOpen, "SubscriptionListResult", subscriptions.responses["200"]!.body)).toBe("");
  });
});

/** The partner's app credential as the emulator issues it (client credentials at its token endpoint), per tenant. */
function emulatorCredential(kit: EmulatorKit): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
      const token = await kit.token(options?.tenantId ?? kit.emulator.partnerTenantId, scope);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

const ARM_SCOPE = "https://management.azure.com/.default";
const VM = AZURE_SERVICES[0]!;

describe("the emulator answers Azure Support and ARM as the swaggers define them", () => {
  let kit: EmulatorKit;
  let azure: AzureSupportHandle;
  let onBehalf: AzureSupportHandle;
  let tenant: string;
  let subscriptionId: string;
  let ticketName: string;

  const arm = async (method: string, path: string, init: { body?: unknown; headers?: Record<string, string>; tenant?: string } = {}) =>
    kit.request(method, path, {
      headers: { authorization: `Bearer ${await kit.token(init.tenant ?? tenant, ARM_SCOPE)}`, "content-type": "application/json", ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  const build = (auxiliaryToken: boolean) =>
    createAzureSupport({
      armBaseUrl: kit.emulator.url,
      partnerTenantId: kit.emulator.partnerTenantId,
      credential: emulatorCredential(kit),
      caCertPem: kit.emulator.caCertPem,
      timeoutMs: 5000,
      maxRetries: 0,
      allowHighestCriticalImpact: false,
      auxiliaryToken,
      contact: { firstName: "Partner", lastName: "Desk", email: "desk@partner.example", timeZone: "W. Europe Standard Time", country: "DEU", language: "en-us" },
    });
  const draft = (requestId: string): ServiceRequestDraft => ({
    customerTenantId: tenant,
    customerName: "Customer",
    product: "AZURE",
    title: `[PSG-${requestId}] VM does not start`,
    description: `Reference: PSG-${requestId}`,
    severity: "MODERATE",
    supportTopicId: azureTopicId(VM.name, VM.problemClassifications[0]!.name),
    contact: { name: "Dana Agent", email: null },
    requestId,
  });

  beforeAll(async () => {
    kit = await startKit({ tenants: 8 });
    tenant = kit.emulator.seed.tenants[0]!.id;
    azure = build(false);
    onBehalf = build(true);
    const filed = await azure.desk.file(draft("c1"), { assertion: "" });
    if (filed.outcome !== "filed") throw new Error("the desk did not file");
    await azure.desk.addNote(filed.serviceRequest.id, "More detail from the desk.", "c1:note:1", { assertion: "" });
    const ticket = (await kit.control("GET", "/azure-support-tickets")).body.supportTickets[0];
    ticketName = ticket.name;
    subscriptionId = ticket.subscriptionId;
    await kit.control("POST", `/azure-support-tickets/${ticketName}/communications`, { body: "Please send the boot diagnostics." });
  });
  afterAll(async () => {
    await azure?.close();
    await onBehalf?.close();
    await kit?.close();
  });

  const tickets = `/subscriptions/{s}/providers/Microsoft.Support/supportTickets`;
  const path = (template: string) => template.replace("{s}", subscriptionId);

  it("GET /subscriptions (2022-12-01): SubscriptionListResult with only Subscription properties", async () => {
    const response = await arm("GET", "/subscriptions?api-version=2022-12-01");
    expect(response.status).toBe(200);
    expect(response.body.value.length).toBeGreaterThan(0);
    // The swagger lists nextLink as required; ARM (and the emulator) leave it out on the last page.
    expect(violations(resources, "SubscriptionListResult", { nextLink: "", ...response.body })).toBe("");
  });

  it("services and problem classifications", async () => {
    const listedServices = await arm("GET", "/providers/Microsoft.Support/services?api-version=2020-04-01");
    expect(listedServices.status).toBe(200);
    expect(violations(support, "ServicesListResult", listedServices.body)).toBe("");
    const listedClassifications = await arm("GET", `/providers/Microsoft.Support/services/${VM.name}/problemClassifications?api-version=2020-04-01`);
    expect(listedClassifications.status).toBe(200);
    expect(violations(support, "ProblemClassificationsListResult", listedClassifications.body)).toBe("");
  });

  it("a ticket filed by the desk: get, list (with the desk's $filter), its communications", async () => {
    const ticket = await arm("GET", `${path(tickets)}/${ticketName}?api-version=2020-04-01`);
    expect(ticket.status).toBe(200);
    expect(violations(support, "SupportTicketDetails", ticket.body)).toBe("");
    const filter = encodeURIComponent(`createdDate ge ${new Date(Date.now() - 86_400_000).toISOString()}`);
    const list = await arm("GET", `${path(tickets)}?api-version=2020-04-01&$filter=${filter}`);
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(1);
    expect(violations(support, "SupportTicketsListResult", list.body)).toBe("");
    const notes = await arm("GET", `${path(tickets)}/${ticketName}/communications?api-version=2020-04-01`);
    expect(notes.status).toBe(200);
    expect(violations(support, "CommunicationsListResult", notes.body)).toBe("");
    // The desk's note is the customer side's (outbound), the engineer's answer inbound, as in Azure's examples.
    expect(notes.body.value.map((item: any) => item.properties.communicationDirection).sort()).toEqual(["inbound", "outbound"]);
    const one = await arm("GET", `${path(tickets)}/${ticketName}/communications/${notes.body.value[0].name}?api-version=2020-04-01`);
    expect(violations(support, "CommunicationDetails", one.body)).toBe("");
  });

  it("the desk reads the engineer's inbound answer as Microsoft's: the ticket needs the partner's attention", async () => {
    const ticket = (await kit.control("GET", "/azure-support-tickets")).body.supportTickets[0];
    const record = await azure.desk.get(ticket.supportTicketId, { assertion: "" });
    expect(record.notes.map((note) => note.author)).toEqual(["PARTNER", "MICROSOFT"]);
    expect(record.status).toBe("ATTENTION_NEEDED");
  });

  it("errors are ARM's ExceptionResponse: a missing ticket, a missing api-version, an injected fault", async () => {
    const missing = await arm("GET", `${path(tickets)}/nope?api-version=2020-04-01`);
    expect(missing.status).toBe(404);
    expect(violations(support, "ExceptionResponse", missing.body)).toBe("");
    const noVersion = await arm("GET", path(tickets));
    expect(noVersion.status).toBe(400);
    expect(violations(support, "ExceptionResponse", noVersion.body)).toBe("");
    await kit.control("POST", "/faults", { match: "/supportTickets$", status: 429, retryAfterSeconds: 2, times: 1 });
    const throttled = await arm("GET", `${path(tickets)}?api-version=2020-04-01`);
    expect(throttled.status).toBe(429);
    expect(violations(support, "ExceptionResponse", throttled.body)).toBe("");
    expect(throttled.body.error.code).toBe("TooManyRequests");
  });

  it("from api-version 2024-04-01 a create must state advancedDiagnosticConsent (Yes/No)", async () => {
    const properties = {
      title: "consent",
      description: "consent check",
      serviceId: `/providers/Microsoft.Support/services/${VM.name}`,
      problemClassificationId: `/providers/Microsoft.Support/services/${VM.name}/problemClassifications/${VM.problemClassifications[0]!.name}`,
      severity: "minimal",
      contactDetails: created.parameters["createSupportTicketParameters"] && (created.parameters["createSupportTicketParameters"] as any).properties.contactDetails,
    };
    const without = await arm("PUT", `${path(tickets)}/consent-1?api-version=2024-04-01`, { body: { properties } });
    expect(without.status).toBe(400);
    expect(without.body.error.code).toBe("MissingRequiredProperty");
    const wrong = await arm("PUT", `${path(tickets)}/consent-1?api-version=2024-04-01`, { body: { properties: { ...properties, advancedDiagnosticConsent: "yes please" } } });
    expect(wrong.status).toBe(400);
    const withConsent = await arm("PUT", `${path(tickets)}/consent-1?api-version=2024-04-01`, { body: { properties: { ...properties, advancedDiagnosticConsent: "No" } } });
    expect(withConsent.status).toBe(201);
    expect(withConsent.body.properties.advancedDiagnosticConsent).toBe("No");
    // 2020-04-01 (what @azure/arm-support 2.1.0 sends) does not define it, so the desk does not send it.
    const old = await arm("PUT", `${path(tickets)}/consent-2?api-version=2020-04-01`, { body: { properties } });
    expect(old.status).toBe(201);
    expect(violations(support, "SupportTicketDetails", old.body)).toBe("");
  });

  it("the ticket list pages as the swagger says ($top default 25, nextLink) and the desk's SDK reads every page", async () => {
    const properties = (n: number) => ({
      title: `paging ${n}`,
      description: `paging ${n}`,
      serviceId: `/providers/Microsoft.Support/services/${VM.name}`,
      problemClassificationId: `/providers/Microsoft.Support/services/${VM.name}/problemClassifications/${VM.problemClassifications[0]!.name}`,
      severity: "minimal",
      contactDetails: (created.parameters["createSupportTicketParameters"] as any).properties.contactDetails,
    });
    for (let n = 0; n < 26; n++) expect((await arm("PUT", `${path(tickets)}/paging-${n}?api-version=2020-04-01`, { body: { properties: properties(n) } })).status).toBe(201);
    const first = await arm("GET", `${path(tickets)}?api-version=2020-04-01`);
    expect(first.body.value).toHaveLength(25);
    expect(violations(support, "SupportTicketsListResult", first.body)).toBe("");
    expect(new URL(first.body.nextLink).origin).toBe(kit.emulator.url);
    const second = await kit.request("GET", first.body.nextLink, { headers: { authorization: `Bearer ${await kit.token(tenant, ARM_SCOPE)}` } });
    expect(second.status).toBe(200);
    expect(violations(support, "SupportTicketsListResult", second.body)).toBe("");
    const total = first.body.value.length + second.body.value.length;
    expect(second.body.nextLink).toBeUndefined();
    const listed = await azure.desk.listByCustomer(tenant, { assertion: "" });
    expect(listed).toHaveLength(total);
  });

  it("on-behalf-of filing: with AZURE_SUPPORT_AUXILIARY_TOKEN the create carries a valid partner-tenant token in x-ms-authorization-auxiliary", async () => {
    await onBehalf.desk.file(draft("c2"), { assertion: "" });
    const all: { title: string; auxiliaryTenantIds: string[] }[] = (await kit.control("GET", "/azure-support-tickets")).body.supportTickets;
    expect(all.find((item) => item.title.includes("PSG-c2"))?.auxiliaryTenantIds).toEqual([kit.emulator.partnerTenantId.toLowerCase()]);
    expect(all.find((item) => item.title.includes("PSG-c1"))?.auxiliaryTenantIds).toEqual([]);
  });

  it("an invalid auxiliary token is refused with ARM's 401", async () => {
    const response = await arm("PUT", `${path(tickets)}/aux-1?api-version=2020-04-01`, {
      headers: { "x-ms-authorization-auxiliary": "Bearer not-a-token" },
      body: { properties: {} },
    });
    expect(response.status).toBe(401);
    expect(violations(support, "ExceptionResponse", response.body)).toBe("");
  });
});
