import { z } from "zod";
import type { ApiResult } from "./api-errors";
import type { ControlCall, ControlHandler, EmulatorContext } from "./emulator-context";
import type { SeedIssue, SeedTenant } from "./emulator-seed.types";
import { canReadHealth, findService, hasEffectiveRelationship, issuePrefixFor } from "./emulator-world";
import { faultRequestSchema, toFaultRule } from "./fault-rules";
import { controlError, withControlBody } from "./control-body";
import { defineRoute, type Route } from "./http-kit";

const latencySchema = z.object({ ms: z.number().int().min(0).max(120_000) }).strict();

const incidentSchema = z
  .object({
    tenant: z.string().min(1),
    service: z.string().min(1),
    action: z.enum(["start", "resolve"]),
    issueId: z.string().regex(/^[A-Za-z]{2,4}\d{3,9}$/, "issueId must look like EX123456").optional(),
    title: z.string().min(1).max(300).optional(),
    classification: z.enum(["incident", "advisory"]).optional(),
    status: z
      .enum(["investigating", "serviceDegradation", "serviceInterruption", "restoringService", "extendedRecovery", "verifyingService"])
      .optional(),
  })
  .strict();

/** Control calls: no token (sandbox only), JSON in and out, 400 with a clear message on bad input. */
export const CONTROL_ROUTES: readonly Route<ControlHandler>[] = [
  defineRoute<ControlHandler>("POST", "/_emulator/reset", (_c, _ctx, hooks) => {
    hooks.reset();
    return { status: 200, body: { reset: true } };
  }),
  defineRoute("POST", "/_emulator/latency", withControlBody(latencySchema, (body, _c, ctx) => {
    ctx.latencyMs = body.ms;
    return { status: 200, body: { ms: ctx.latencyMs } };
  })),
  defineRoute<ControlHandler>("GET", "/_emulator/latency", (_c, ctx) => ({ status: 200, body: { ms: ctx.latencyMs } })),
  defineRoute("POST", "/_emulator/faults", withControlBody(faultRequestSchema, (body, _c, ctx) => {
    const rule = toFaultRule(ctx.nextFaultId, body);
    ctx.nextFaultId += 1;
    ctx.faults.push(rule);
    return { status: 201, body: rule };
  })),
  defineRoute<ControlHandler>("GET", "/_emulator/faults", (_c, ctx) => ({ status: 200, body: { faults: ctx.faults } })),
  defineRoute<ControlHandler>("DELETE", "/_emulator/faults", (_c, ctx) => {
    const cleared = ctx.faults.length;
    ctx.faults = [];
    return { status: 200, body: { cleared } };
  }),
  defineRoute<ControlHandler>("GET", "/_emulator/requests", (_c, ctx) => ({ status: 200, body: { ...ctx.counters.snapshot(), throttled: ctx.throttle?.refused() ?? null } })),
  defineRoute<ControlHandler>("POST", "/_emulator/requests/reset", (_c, ctx) => {
    ctx.counters.reset();
    return { status: 200, body: ctx.counters.snapshot() };
  }),
  defineRoute("POST", "/_emulator/incidents", withControlBody(incidentSchema, changeIncident)),
  defineRoute<ControlHandler>("GET", "/_emulator/tenants", (_c, ctx) => ({ status: 200, body: tenantsSummary(ctx) })),
];

/** Starts or resolves an incident for one tenant and service; answers with the issue (Graph shape). */
function changeIncident(body: z.infer<typeof incidentSchema>, _call: ControlCall, ctx: EmulatorContext): ApiResult {
  const tenant = ctx.world.findTenant(body.tenant);
  if (!tenant) return controlError(404, `Unknown tenant '${body.tenant}' (use a customer tenant id or domain).`);
  const service = findService(tenant.services, body.service);
  if (!service) {
    return controlError(404, `Tenant ${tenant.id} has no service '${body.service}'; it has ${tenant.services.map((s) => s.id).join(", ")}.`);
  }
  const now = new Date().toISOString();

  if (body.action === "start") {
    const id = body.issueId ?? `${issuePrefixFor(service.id)}${ctx.nextIssueNumber++}`;
    if (tenant.issues.some((i) => i.id.toLowerCase() === id.toLowerCase())) {
      return controlError(409, `Tenant ${tenant.id} already has an issue ${id}.`);
    }
    const title = body.title ?? `Users may be unable to use some ${service.service} features`;
    const issue: SeedIssue = {
      id,
      title,
      startDateTime: now,
      endDateTime: null,
      lastModifiedDateTime: now,
      details: [{ name: "NotifyInApp", value: "True" }],
      classification: body.classification ?? "incident",
      feature: service.service,
      featureGroup: service.service,
      impactDescription: title,
      isResolved: false,
      origin: "microsoft",
      status: body.status ?? "investigating",
      service: service.service,
      posts: [{ createdDateTime: now, postType: "quick", description: { contentType: "html", content: `<p>Title: ${title}</p><p>Current status: We're investigating a potential issue.</p>` } }],
    };
    tenant.issues.push(issue);
    return { status: 201, body: issue };
  }

  const issue = body.issueId
    ? tenant.issues.find((i) => i.id.toLowerCase() === body.issueId?.toLowerCase() && i.service === service.service)
    : tenant.issues.findLast((i) => !i.isResolved && i.service === service.service);
  if (!issue) return controlError(404, `No ${body.issueId ? `issue ${body.issueId}` : "active issue"} on ${service.service} for tenant ${tenant.id}.`);
  if (issue.isResolved) return controlError(409, `Issue ${issue.id} is already resolved.`);
  issue.isResolved = true;
  issue.status = "serviceRestored";
  issue.endDateTime = now;
  issue.lastModifiedDateTime = now;
  issue.posts.push({ createdDateTime: now, postType: "regular", description: { contentType: "html", content: "<p>Final status: We've confirmed that the issue is resolved.</p>" } });
  return { status: 200, body: issue };
}

function summarizeTenant(tenant: SeedTenant) {
  return {
    index: tenant.index,
    id: tenant.id,
    name: tenant.name,
    domain: tenant.domain,
    delegatedAdminCustomer: hasEffectiveRelationship(tenant),
    healthAccess: canReadHealth(tenant),
    relationships: tenant.relationships.map((r) => ({
      id: r.id,
      status: r.status,
      roles: r.accessDetails.unifiedRoles.map((u) => u.roleDefinitionId),
      endDateTime: r.endDateTime,
    })),
    subscriptions: tenant.subscriptions.length,
    services: tenant.services.map((s) => s.id),
    activeIssues: tenant.issues.filter((i) => !i.isResolved).map((i) => i.id),
    resolvedIssues: tenant.issues.filter((i) => i.isResolved).map((i) => i.id),
  };
}

function tenantsSummary(ctx: EmulatorContext) {
  const { partner, seed, asOf, tenants } = ctx.world.seed;
  return {
    seed,
    asOf,
    partner: { tenantId: partner.tenantId, name: partner.name, domain: partner.domain, clientId: partner.clientId },
    tenants: tenants.map(summarizeTenant),
  };
}
