import { TicketListQuery, type DeskTicketFilter, type TicketOrder, type TicketStatePathCount } from "./ticket-list.query";
import type { TicketStore } from "./ticket.store";
import type { Page, PageRequest, TicketRecord } from "./ticket-store.types";
import type { TicketVisibility } from "./ticket-visibility";

/**
 * The desk's ticket reads, each within the caller's visibility: the scope rule lives here, not in
 * the resolvers, so every way of reading tickets applies it the same way.
 */
export class TicketQueries {
  private readonly lists: TicketListQuery;

  constructor(private readonly store: TicketStore) {
    this.lists = new TicketListQuery(store.dataSource);
  }

  /** Outside the caller's scope answers exactly like a missing ticket, so ids cannot be probed (issue 13). */
  async find(visibility: TicketVisibility, id: string): Promise<TicketRecord | null> {
    const record = await this.store.findById(id);
    return record && (await visibility.maySee(record.customerId)) ? record : null;
  }

  /** A ticket already loaded (e.g. by a DataLoader), shown only within the caller's scope. */
  async visible(visibility: TicketVisibility, record: TicketRecord | null): Promise<TicketRecord | null> {
    return record && (await visibility.maySee(record.customerId)) ? record : null;
  }

  async list(visibility: TicketVisibility, filter: DeskTicketFilter, order: TicketOrder, page: PageRequest): Promise<Page<TicketRecord>> {
    return this.lists.list(await visibility.narrow(filter), order, page);
  }

  /** One customer's tickets; FORBIDDEN where that customer is outside the caller's scope. */
  async listOfCustomer(visibility: TicketVisibility, customerId: string, filter: DeskTicketFilter, order: TicketOrder, page: PageRequest): Promise<Page<TicketRecord>> {
    await visibility.require(customerId);
    return this.lists.list({ ...filter, customerIds: [customerId] }, order, page);
  }

  async countByStatePath(visibility: TicketVisibility, filter: DeskTicketFilter): Promise<TicketStatePathCount[]> {
    return this.lists.countByStatePath(await visibility.narrow(filter));
  }
}
