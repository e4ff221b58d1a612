import type { Product } from "../../machines";
import type { ServiceRequestDesk } from "../cloud/ports";
import { AppError, ErrorCode } from "../errors";

/**
 * The one place that decides which desk files a product's service requests: Partner Center for
 * Microsoft 365 and Dynamics 365 (and OTHER); Azure gets its own desk (Azure Support) when one
 * is registered.
 */
export class ServiceRequestDeskRouter {
  constructor(private readonly desks: Partial<Record<Product, ServiceRequestDesk>> & { default: ServiceRequestDesk }) {}

  deskFor(product: Product): ServiceRequestDesk {
    const desk = this.desks[product] ?? (product === "AZURE" ? undefined : this.desks.default);
    if (!desk) throw new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `No service request channel is configured for ${product} tickets`, { permanent: true });
    return desk;
  }
}
