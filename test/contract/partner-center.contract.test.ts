import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapPartnerCustomer } from "../../src/cloud/partner-center/customer.mapper";
import { errorDescription, PartnerCenterUserClient } from "../../src/cloud/partner-center/partner-center-user.client";
import type { PartnerCenterCollection } from "../../src/cloud/partner-center/partner-center-types";
import {
  mapServiceRequest,
  toNewNoteBody,
  toPartnerCenterServiceRequest,
} from "../../src/cloud/partner-center/service-request.mapper";
import { PartnerCenterServiceRequestsAdapter } from "../../src/cloud/partner-center/service-requests.adapter";
import { mapSubscription } from "../../src/cloud/partner-center/subscription.mapper";
import { mapSupportTopic } from "../../src/cloud/partner-center/support-topic.mapper";
import type { ServiceRequestDraft } from "../../src/cloud/service-request.types";
import { loadFixture } from "../fixtures/load-fixture";
import { PC_SCOPE, startKit, tenantAt, type EmulatorKit } from "../integration/emulator/emulator-test-kit";
import { agentAssertion, EmulatorOnBehalfOf } from "./support/emulator-user-tokens";
import { allowProperties, commonKeys, extraPaths, missingPaths, shapeOf, valuesAt } from "./support/json-shape";

/**
 * Partner Center, both ways (issue 12): (a) the gateway's mappers read Microsoft's published
 * examples into the right domain values, and what it sends has the documented request shape;
 * (b) every emulator answer on the routes the gateway calls has the shape of those examples and
 * resource pages (no field they do not show, the keys all examples share, enum values as
 * published) and Microsoft's error bodies. Sources: test/fixtures/microsoft/SOURCES.md.
 */
const fixture = <T = any>(name: string): T => loadFixture<T>(`microsoft/partner-center/${name}`);
const customersExample = fixture("customers-list.200.json");
const subscriptionsExample = fixture("subscriptions-list.200.json");
const createRequestExample = fixture("service-request-create.request.json");
const createdExample = fixture("service-request-create.201.json");
const getExample = fixture("service-request-get.200.json");
const updateRequestExample = fixture("service-request-update.request.json");
const updatedExample = fixture("service-request-update.200.json");
const listExample = fixture("customer-service-requests-list.200.json");
const topicsExample = fixture("support-topics-list.200.json");
const errorExample = fixture("error.404.json");
const throttledExample = fixture("throttled.429.json");
const customerExample = fixture("customer-get.200.json");
const pages = fixture<Record<string, { properties: string[]; enums?: Record<string, string[]> }>>("resource-pages.json");

const props = (resource: string): string[] => pages[resource]!.properties;
const enums = (resource: string, field: string): string[] => pages[resource]!.enums![field]!;
const pascal = (names: string[]) => names.map((name) => name.charAt(0).toUpperCase() + name.slice(1));

/** What a service request response may hold: every published example, plus the ServiceRequest resource page. */
const serviceRequestShape = () => {
  const shape = shapeOf(createdExample, getExample, updatedExample, ...listExample.items);
  allowProperties(shape, "", props("serviceRequest"));
  allowProperties(shape, "primaryContact", props("serviceRequestContact"));
  allowProperties(shape, "organization", props("serviceRequestOrganization"));
  allowProperties(shape, "notes[]", props("serviceRequestNote"));
  return shape;
};
/** What every published service request response has. */
const serviceRequestCore = commonKeys(createdExample, getExample, updatedExample);

const draft: ServiceRequestDraft = {
  customerTenantId: "",
  customerName: "Contoso",
  product: "MICROSOFT_365",
  title: "Mail delayed for all users",
  description: "Reference: PSG-contract (k-1)\nMessage trace shows 4.4.7 deferrals.",
  severity: "MODERATE",
  supportTopicId: "32444671",
  contact: { name: "Hanna Helpdesk", email: "hanna@partner.example", firstName: "Hanna", lastName: "Helpdesk", phoneNumber: null },
  requestId: "0f8fad5b-d9cb-469f-a165-70867728950e",
};

describe("Partner Center mappers read Microsoft's examples", () => {
  it("customer list: both customers, id = tenant id, relationship reseller", () => {
    expect(customersExample.items.map(mapPartnerCustomer)).toEqual([
      { id: "b44bb1fb-c595-45b0-9e09-d657365580bf", name: "companyName", defaultDomain: "domain", relationshipToPartner: "reseller" },
      { id: "45c44870-ef77-4fdd-b6fe-3dacb075cff2", name: "companyName", defaultDomain: "domain", relationshipToPartner: "reseller" },
    ]);
  });

  it("subscription list: the active subscription with its commitment end (published with spaces in the time)", () => {
    expect(subscriptionsExample.items.map(mapSubscription)).toEqual([
      {
        id: "83ef9d05-4169-4ef9-9657-0e86b1eab1de",
        offerId: null,
        offerName: "nickname",
        friendlyName: "nickname",
        quantity: 1,
        status: "ACTIVE",
        product: "OTHER",
        billingCycle: null,
        autoRenewEnabled: false,
        commitmentEndDate: new Date("2016-12-12T08:00:00Z"),
      },
    ]);
  });

  it("create 201: the new request's number, status none, the organization, unset dates as null", () => {
    expect(mapServiceRequest(createdExample)).toEqual({
      id: "616122292874576",
      status: "NONE",
      title: "TrialSR",
      description: "Ignore this SR",
      severity: "CRITICAL",
      customerTenantId: "3b33e682-00c3-41ee-9dd2-a548adf56438",
      notes: [],
      createdAt: null,
      lastUpdatedAt: null,
    });
  });

  it("get by id: open, lastModifiedDate, and the note read as UTC with its author's name", () => {
    const record = mapServiceRequest(getExample)!;
    expect(record).toMatchObject({ id: "616122292874576", status: "OPEN", severity: "CRITICAL", lastUpdatedAt: new Date("2017-01-09T23:31:15.373Z") });
    expect(record.createdAt).toEqual(new Date("2016-12-22T20:31:17.24Z"));
    expect(record.notes).toEqual([{ text: "Sample Note", author: "MICROSOFT", createdAt: new Date("2017-01-09T23:31:15.373Z"), createdByName: "Account" }]);
  });

  it("note authorship: the partner's when its text is one the desk sent or its author is a partner name, Microsoft's otherwise", () => {
    expect(mapServiceRequest(updatedExample, { sentTexts: ["Sample  note"] })!.notes[0]!.author).toBe("PARTNER");
    expect(mapServiceRequest(updatedExample, { partnerNames: ["account"] })!.notes[0]!.author).toBe("PARTNER");
    expect(mapServiceRequest(updatedExample, { partnerNames: ["Hanna Helpdesk"], sentTexts: ["Other text"] })!.notes[0]!.author).toBe("MICROSOFT");
    // The create example's primary contact is the partner's account ("Account"): its notes are the partner's.
    const withContact = { ...updatedExample, primaryContact: createdExample.primaryContact };
    expect(mapServiceRequest(withContact)!.notes[0]!.author).toBe("PARTNER");
    const unnamed = { ...updatedExample, notes: [{ createdDate: "2017-01-09T23:31:15.373", text: "?" }] };
    expect(mapServiceRequest(unnamed)!.notes[0]!.author).toBe("UNKNOWN");
  });

  it("customer list: integer severity 0 (unknown) and status 1 (open), no description", () => {
    expect(listExample.items.map((item: unknown) => mapServiceRequest(item))).toEqual([
      {
        id: "615112491169010",
        status: "OPEN",
        title: "Test",
        description: "",
        severity: null,
        customerTenantId: null,
        notes: [],
        createdAt: new Date("2015-11-24T01:07:00.863Z"),
        lastUpdatedAt: new Date("2015-11-24T01:17:10.61Z"),
      },
    ]);
  });

  it("reads the PascalCase request body (the docs' create example) like a response", () => {
    expect(mapServiceRequest({ ...createRequestExample, Id: "1" })).toMatchObject({ id: "1", title: "TrialSR", severity: "CRITICAL", status: "NONE" });
    expect(mapServiceRequest(createRequestExample)).toBeNull();
  });

  it("support topics: numeric ids as strings, Microsoft's names", () => {
    expect(topicsExample.items.map(mapSupportTopic)).toEqual([
      { id: "32444667", name: "Partner Center Issues", description: "Office 365 questions from the CSP (Cloud Solution Provider) partners using Partner Center", product: "OTHER" },
      { id: "32444671", name: "Cannot manage my profile", description: "Issues that are related to errors or problems with managing a profile", product: "OTHER" },
    ]);
  });

  it("error bodies: the description of {code, description, data, source}, the message of the 429 body", () => {
    expect(errorDescription(JSON.stringify(errorExample))).toBe("Partner Organization with partner_id 9999999 could not be found");
    expect(errorDescription(JSON.stringify(throttledExample))).toBe("Rate limit is exceeded. Try again in 57 seconds.");
  });
});

describe("what the gateway sends has the documented request shape", () => {
  it("create: only fields of the create example, PrimaryContact as a ServiceRequestContact, severity as published", () => {
    const body = toPartnerCenterServiceRequest({ ...draft, customerTenantId: "3b33e682-00c3-41ee-9dd2-a548adf56438" });
    const allowed = allowProperties(allowProperties(shapeOf(createRequestExample), "PrimaryContact", pascal(props("serviceRequestContact"))), "Organization", pascal(props("serviceRequestOrganization")));
    expect(extraPaths(body, allowed)).toEqual([]);
    expect(body).toMatchObject({ Title: draft.title, Description: draft.description, Severity: "moderate", SupportTopicId: "32444671" });
    expect(body["PrimaryContact"]).toEqual({ FirstName: "Hanna", LastName: "Helpdesk", Email: "hanna@partner.example" });
    expect(enums("serviceRequest", "severity")).toContain(body["Severity"]);
    for (const required of ["Title", "Description", "Severity", "SupportTopicId"]) expect(Object.keys(body)).toContain(required);
  });

  it("update: a NewNote with Text, as the update example", () => {
    const body = toNewNoteBody("Headers attached.");
    expect(extraPaths(body, shapeOf(updateRequestExample))).toEqual([]);
    expect(missingPaths(body, { NewNote: { Text: "" } })).toEqual([]);
  });
});

describe("the emulator answers as Partner Center's examples", () => {
  let kit: EmulatorKit;
  let tokens: EmulatorOnBehalfOf;
  let client: PartnerCenterUserClient;
  const user = { assertion: agentAssertion({ oid: "0c6a1c2e-6f1e-4d5b-9d9e-6b1f4c3a2b10", name: "Hanna Helpdesk" }) };
  let customerId: string;

  beforeAll(async () => {
    kit = await startKit({ tenants: 6 });
    tokens = new EmulatorOnBehalfOf(kit.emulator);
    client = new PartnerCenterUserClient({ baseUrl: kit.emulator.url, scope: PC_SCOPE, userTokens: tokens, dispatcher: kit.agent, timeoutMs: 10_000 });
    customerId = tenantAt(kit, 0);
  });
  afterAll(async () => {
    await tokens.close();
    await kit.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const outcome = await client.call(method, path, user, "contract", body === undefined ? {} : { body });
    if (!outcome.ok) throw new Error(`${method} ${path}: HTTP ${outcome.status} ${outcome.description}`);
    return outcome.body as any;
  };

  /** Shape violations of one service request answer, with the values of its enums. */
  const serviceRequestViolations = (answer: unknown): string[] => [
    ...extraPaths(answer, serviceRequestShape()),
    ...missingPaths(answer, serviceRequestCore),
    ...valuesAt(answer, "severity").filter((value) => !enums("serviceRequest", "severity").includes(String(value))).map((value) => `severity ${String(value)}`),
    ...valuesAt(answer, "status").filter((value) => !enums("serviceRequest", "status").includes(String(value))).map((value) => `status ${String(value)}`),
  ];

  it("create (201), get, PATCH NewNote: the ServiceRequest of the examples, camelCase, notes {createdByName, createdDate, text}", async () => {
    const created = await call("POST", "/v1/servicerequests/en-US", toPartnerCenterServiceRequest({ ...draft, customerTenantId: customerId }));
    expect(serviceRequestViolations(created)).toEqual([]);
    const id = String(created.id);
    expect(serviceRequestViolations(await call("GET", `/v1/servicerequests/${id}`))).toEqual([]);
    const updated = await call("PATCH", `/v1/servicerequests/${id}`, toNewNoteBody("Headers attached."));
    expect(serviceRequestViolations(updated)).toEqual([]);
    expect(missingPaths(updated, { notes: getExample.notes })).toEqual([]);
    expect(updated.notes).toEqual([{ createdByName: "Hanna Helpdesk", createdDate: expect.any(String), text: "Headers attached." }]);

    await kit.control("POST", `/service-requests/${id}/status`, { status: "attention_needed", note: "Please send the message headers." });
    const attention = await call("GET", `/v1/servicerequests/${id}`);
    expect(serviceRequestViolations(attention)).toEqual([]);
    expect(attention.status).toBe("attention_needed");
  });

  it("a customer's requests: the collection of the list example, items as its summary", async () => {
    const list = await call("GET", `/v1/customers/${customerId}/servicerequests`);
    expect(list.items.length).toBeGreaterThan(0);
    const allowed = allowProperties(shapeOf(listExample, { items: [createdExample, getExample] }), "items[]", props("serviceRequest"));
    expect(extraPaths(list, allowed)).toEqual([]);
    expect(missingPaths(list, listExample)).toEqual([]);
    for (const item of list.items) {
      expect(extraPaths(item, serviceRequestShape())).toEqual([]);
      expect(enums("serviceRequest", "status")).toContain(item.status);
      expect(enums("serviceRequest", "severity")).toContain(item.severity);
    }
  });

  it("support topics (App+User): exactly the example's shape, numeric ids", async () => {
    const topics = await call("GET", "/v1/servicerequests/supporttopics");
    expect(extraPaths(topics, shapeOf(topicsExample))).toEqual([]);
    expect(missingPaths(topics, topicsExample)).toEqual([]);
    expect(topics.items.find((topic: { id: number }) => topic.id === 32444671)).toMatchObject({ name: "Cannot manage my profile" });
  });

  it("customers and subscriptions: fields of the examples and resource pages, enum values as published", async () => {
    const customers = (await kit.pc("/customers?size=3")).body as PartnerCenterCollection<unknown>;
    const customerShape = allowProperties(allowProperties(shapeOf(customersExample), "items[]", props("customer")), "items[].companyProfile", props("customerCompanyProfile"));
    allowProperties(customerShape, "", props("collection"));
    allowProperties(customerShape, "links", props("resourceLinks"));
    expect(extraPaths(customers, customerShape)).toEqual([]);
    expect(missingPaths(customers, customersExample)).toEqual([]);
    expect(valuesAt(customers, "items[].relationshipToPartner").every((value) => enums("customer", "relationshipToPartner").includes(String(value)))).toBe(true);

    const subscriptions = (await kit.pc(`/customers/${customerId}/subscriptions`)).body;
    expect(subscriptions.items.length).toBeGreaterThan(0);
    const subscriptionShape = allowProperties(allowProperties(shapeOf(subscriptionsExample), "items[]", props("subscription")), "items[].links", props("subscriptionLinks"));
    allowProperties(subscriptionShape, "", props("collection"));
    expect(extraPaths(subscriptions, subscriptionShape)).toEqual([]);
    expect(missingPaths(subscriptions, subscriptionsExample)).toEqual([]);
    for (const field of ["status", "billingType", "billingCycle", "contractType"]) {
      const bad = valuesAt(subscriptions, `items[].${field}`).filter((value) => !enums("subscription", field).includes(String(value)));
      expect(bad, field).toEqual([]);
    }
  });

  it("a customer by id (get-a-customer-by-id): no field outside the example and the Customer page, what both customer examples show, allowDelegatedAccess", async () => {
    const res = await kit.pc(`/customers/${customerId}`);
    expect(res.status).toBe(200);
    const shape = allowProperties(allowProperties(shapeOf(customerExample, ...customersExample.items), "", props("customer")), "companyProfile", props("customerCompanyProfile"));
    expect(extraPaths(res.body, shape)).toEqual([]);
    expect(missingPaths(res.body, commonKeys(customerExample, customersExample.items[0]))).toEqual([]);
    expect(typeof res.body.allowDelegatedAccess).toBe(typeof customerExample.allowDelegatedAccess);
    expect(res.body.id).toBe(customerId);
  });

  it("a subscription by id: one item of the subscriptions example's shape", async () => {
    const list = (await kit.pc(`/customers/${customerId}/subscriptions`)).body;
    const one = await kit.pc(`/customers/${customerId}/subscriptions/${list.items[0].id}`);
    expect(one.status).toBe(200);
    const shape = allowProperties(allowProperties(shapeOf(...subscriptionsExample.items), "", props("subscription")), "links", props("subscriptionLinks"));
    expect(extraPaths(one.body, shape)).toEqual([]);
    expect(missingPaths(one.body, subscriptionsExample.items[0])).toEqual([]);
  });

  it("the partner's service requests (GET /v1/servicerequests): the collection of the list example", async () => {
    const list = await call("GET", "/v1/servicerequests");
    expect(list.items.length).toBeGreaterThan(0);
    expect(extraPaths(list, allowProperties(shapeOf(listExample, { items: [createdExample, getExample] }), "items[]", props("serviceRequest")))).toEqual([]);
    expect(missingPaths(list, listExample)).toEqual([]);
  });

  it("errors: {code, description, data, source} as the error example; 429 as the throttling example", async () => {
    const errorShape = shapeOf(errorExample);
    const missing = await client.call("GET", "/v1/servicerequests/999", user, "contract");
    expect(missing).toMatchObject({ ok: false, status: 404 });
    const raw = await kit.request("GET", "/v1/servicerequests/999", { headers: { authorization: `Bearer ${await tokens.getToken(user.assertion, PC_SCOPE)}` } });
    expect(extraPaths(raw.body, errorShape)).toEqual([]);
    expect(missingPaths(raw.body, errorExample)).toEqual([]);

    const appOnly = await kit.pc("/servicerequests/supporttopics");
    expect(appOnly.status).toBe(403);
    expect(extraPaths(appOnly.body, errorShape)).toEqual([]);
    expect(missingPaths(appOnly.body, errorExample)).toEqual([]);

    await kit.control("POST", "/faults", { match: "^/v1/customers$", status: 429, retryAfterSeconds: 57, times: 1 });
    const throttled = await kit.pc("/customers?size=1");
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual(throttledExample);
  });

  it("the adapter finds a request by its reference although the list answers without descriptions", async () => {
    const desk = new PartnerCenterServiceRequestsAdapter({ baseUrl: kit.emulator.url, scope: PC_SCOPE, userTokens: tokens, dispatcher: kit.agent, timeoutMs: 10_000 });
    const reference = "Reference: PSG-lookup (k-7)";
    const filed = await desk.file({ ...draft, customerTenantId: customerId, description: `${reference}\nDetails.`, requestId: "6f1c2b8e-2f0e-4a53-9d3c-8f5d1d6a0b77" }, user);
    expect(filed.outcome).toBe("filed");
    const found = await desk.findByReference(customerId, reference, user);
    expect(found?.id).toBe(filed.outcome === "filed" ? filed.serviceRequest.id : "none");
    expect(await desk.findByReference(customerId, "Reference: PSG-absent (k-0)", user)).toBeNull();
  });
});
