import type { Product, ServiceIncident } from "../cloud/cloud-types";

/** One customer's read for the board: its active incidents, or why they could not be read. */
export type CustomerIncidentRead =
  | { customerId: string; customerName: string; incidents: readonly ServiceIncident[] }
  | { customerId: string; customerName: string; error: unknown };

/** One affected customer of one Microsoft incident. */
export interface BoardCustomer {
  customerId: string;
  customerName: string;
  /** The incident as that tenant reports it (status and posts may differ per tenant). */
  incident: ServiceIncident;
}

/** One Microsoft incident (by Microsoft's id) across every customer it affects. */
export interface BoardEntry {
  /** Microsoft's incident id (e.g. EX123456): the same in every affected tenant. */
  incidentId: string;
  title: string;
  service: string;
  product: Product;
  startDateTime: Date;
  lastModifiedDateTime: Date | null;
  customers: BoardCustomer[];
}

export interface BoardFilter {
  products?: readonly Product[] | null;
  services?: readonly string[] | null;
}

/**
 * Groups active incidents by Microsoft's id (`ServiceIncident.id` as Graph reports it, the same
 * id in every tenant), filtered by product and service; most affected customers first, then most
 * recent. Pure: the resolver reads, this arranges.
 */
export function groupIncidents(reads: readonly CustomerIncidentRead[], filter: BoardFilter = {}): BoardEntry[] {
  const products = filter.products && filter.products.length > 0 ? new Set(filter.products) : null;
  const services = filter.services && filter.services.length > 0 ? new Set(filter.services.map((s) => s.toLowerCase())) : null;
  const byId = new Map<string, BoardEntry>();
  for (const read of reads) {
    if (!("incidents" in read)) continue;
    for (const incident of read.incidents) {
      if (incident.isResolved) continue;
      if (products && !products.has(incident.product)) continue;
      if (services && !services.has(incident.service.toLowerCase())) continue;
      let entry = byId.get(incident.id);
      if (!entry) {
        entry = {
          incidentId: incident.id,
          title: incident.title,
          service: incident.service,
          product: incident.product,
          startDateTime: incident.startDateTime,
          lastModifiedDateTime: incident.lastModifiedDateTime,
          customers: [],
        };
        byId.set(incident.id, entry);
      }
      if (incident.lastModifiedDateTime && (!entry.lastModifiedDateTime || incident.lastModifiedDateTime > entry.lastModifiedDateTime)) {
        entry.lastModifiedDateTime = incident.lastModifiedDateTime;
      }
      entry.customers.push({ customerId: read.customerId, customerName: read.customerName, incident });
    }
  }
  const entries = [...byId.values()];
  for (const entry of entries) entry.customers.sort((a, b) => a.customerName.localeCompare(b.customerName) || a.customerId.localeCompare(b.customerId));
  return entries.sort(
    (a, b) => b.customers.length - a.customers.length || b.startDateTime.getTime() - a.startDateTime.getTime() || a.incidentId.localeCompare(b.incidentId),
  );
}

/** The customers whose health could not be read (so the board may be missing their incidents). */
export function unreadableCustomers(reads: readonly CustomerIncidentRead[]): { customerId: string; customerName: string; error: unknown }[] {
  return reads.filter((read): read is Extract<CustomerIncidentRead, { error: unknown }> => "error" in read);
}
