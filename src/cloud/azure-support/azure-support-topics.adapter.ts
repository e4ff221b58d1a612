import type { SupportTopic } from "../cloud-types";
import type { SupportTopicCatalog } from "../ports";
import { collect, type AzureSupportClientProvider } from "./azure-support-client.provider";
import { toAzureSupportError } from "./azure-support-error.mapper";
import { toSupportTopics } from "./azure-support.mapper";

/** Problem classifications read at once at most (one call per Azure service). */
const PARALLEL_READS = 8;
const MAX_SERVICES = 500;

/**
 * Azure services and their problem classifications (`services`, then
 * `services/{name}/problemClassifications`) as support topics of product AZURE. The catalog is
 * the same for every tenant, so it is read with a partner-tenant token; callers cache it.
 */
export class AzureSupportTopicsAdapter implements SupportTopicCatalog {
  constructor(
    private readonly clients: AzureSupportClientProvider,
    private readonly partnerTenantId: string,
  ) {}

  async listSupportTopics(): Promise<SupportTopic[]> {
    const client = this.clients.client(this.partnerTenantId);
    try {
      const services = await collect(client.services.list({ abortSignal: this.clients.signal() }), MAX_SERVICES);
      const topics: SupportTopic[][] = [];
      for (let start = 0; start < services.length; start += PARALLEL_READS) {
        const chunk = services.slice(start, start + PARALLEL_READS);
        topics.push(
          ...(await Promise.all(
            chunk.map(async (service) => {
              if (!service.name) return [];
              const classifications = [];
              for await (const item of client.problemClassifications.list(service.name, { abortSignal: this.clients.signal() })) classifications.push(item);
              return toSupportTopics(service, classifications);
            }),
          )),
        );
      }
      return topics.flat();
    } catch (error) {
      throw toAzureSupportError(error, "listing Azure services and problem classifications");
    }
  }
}
