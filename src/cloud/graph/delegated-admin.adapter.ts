import type { DelegatedAccess } from "../cloud-types";
import { foldDelegatedAccess } from "./delegated-access.mapper";
import type { GraphClientProvider } from "./graph-client.provider";
import { graphErrorToAppError } from "./graph-error.mapper";
import { readAllPages } from "./graph-pages.reader";
import type { GraphCollection, GraphDelegatedAdminRelationship } from "./graph-types";

/**
 * The partner's GDAP access, read in the partner tenant from
 * `GET /tenantRelationships/delegatedAdminRelationships` (all pages) and folded per customer.
 */
export class GraphDelegatedAdminAdapter {
  constructor(
    private readonly graph: GraphClientProvider,
    private readonly partnerTenantId: string,
    /** `$top` per page (Graph allows up to 300); undefined = Graph's default. */
    private readonly pageSize?: number,
  ) {}

  /** Every customer tenant with at least one relationship, keyed by (lower-case) tenant id. */
  async listDelegatedAccess(): Promise<Map<string, DelegatedAccess>> {
    const client = this.graph.forTenant(this.partnerTenantId);
    try {
      const request = client.api("/tenantRelationships/delegatedAdminRelationships");
      if (this.pageSize !== undefined) request.top(this.pageSize);
      const relationships = await readAllPages<GraphDelegatedAdminRelationship>(
        client,
        request.get() as Promise<GraphCollection<GraphDelegatedAdminRelationship>>,
        this.graph.origin,
      );
      return foldDelegatedAccess(relationships);
    } catch (error) {
      throw graphErrorToAppError(error, "listing delegated admin relationships");
    }
  }
}
