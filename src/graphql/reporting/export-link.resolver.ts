import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import type { GraphQLContext } from "../context";
import { badUserInput } from "../../errors";
import { toAuditEventFilter } from "../../reporting/audit-filter";
import { toTicketExportFilter } from "../../reporting/ticket-export-filter";
import { requiredService } from "../../reporting/required-service";
import { ExportKindEnum, ExportLink, ExportLinkInput } from "./export-link.types";

@Resolver()
export class ExportLinkResolver {
  @Authorized(rolesFor("Mutation.createExportLink"))
  @Mutation(() => ExportLink, {
    description: "A signed download link for an export (valid EXPORT_LINK_TTL_SECONDS, default 5 min): a browser can follow or fetch it without a bearer header.",
  })
  async createExportLink(@Arg("input", () => ExportLinkInput) input: ExportLinkInput, @Ctx() ctx: GraphQLContext): Promise<ExportLink> {
    const links = requiredService(ctx, "exportLinks");
    // Validate now with the export's own rules, so a bad filter fails here and not at download.
    if (input.export === ExportKindEnum.AUDIT) {
      if (input.assigneeId != null) throw badUserInput("input.assigneeId", "assigneeId applies to the TICKETS export only");
      toAuditEventFilter(input, "input.");
    } else {
      for (const name of ["ticketId", "actorId", "eventTypes"] as const) {
        if (input[name] != null) throw badUserInput(`input.${name}`, `${name} applies to the AUDIT export only`);
      }
      toTicketExportFilter(input, "input.");
    }
    const params: Record<string, string> = {};
    for (const name of ["customerId", "ticketId", "actorId", "assigneeId"] as const) {
      const value = input[name];
      if (value != null) params[name] = value;
    }
    if (input.eventTypes != null) params.eventTypes = input.eventTypes.join(",");
    if (input.from != null) params.from = input.from.toISOString();
    if (input.to != null) params.to = input.to.toISOString();
    return links.sign(ctx.agent, { export: input.export, format: input.format, params });
  }
}
