import type { TenantHealth } from "../cloud-types";
import type { ServiceHealthFeed } from "../ports";
import type { GraphClientProvider } from "./graph-client.provider";
import { graphErrorToAppError } from "./graph-error.mapper";
import { readAllPages } from "./graph-pages.reader";
import type { GraphCollection, GraphServiceHealth } from "./graph-types";
import { mapTenantHealth } from "./service-health.mapper";

/**
 * A customer tenant's service health from ONE Graph call,
 * `GET /admin/serviceAnnouncement/healthOverviews?$expand=issues` (plus nextLinks, if any), with a
 * token issued by that tenant. Service communications are throttled per app per tenant (about
 * 240 requests a minute), so callers should cache the result.
 */
export class GraphServiceHealthAdapter implements ServiceHealthFeed {
  constructor(private readonly graph: GraphClientProvider) {}

  async getTenantHealth(customerTenantId: string): Promise<TenantHealth> {
    const client = this.graph.forTenant(customerTenantId);
    try {
      const overviews = await readAllPages<GraphServiceHealth>(
        client,
        client.api("/admin/serviceAnnouncement/healthOverviews").expand("issues").get() as Promise<
          GraphCollection<GraphServiceHealth>
        >,
        this.graph.origin,
      );
      return mapTenantHealth(customerTenantId, overviews);
    } catch (error) {
      throw graphErrorToAppError(error, `reading service health for tenant ${customerTenantId}`);
    }
  }
}
