import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertStore } from "../../../src/alerts/alert.store";
import { dbKinds, openTestDatabase } from "../db/support/test-database";

const AT = new Date("2026-12-01T09:30:00.000Z");

describe.each(dbKinds)("alert_source_cursor on %s", (kind) => {
  let store: AlertStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    close = database.close;
    store = new AlertStore(database.dataSource);
  });
  afterAll(async () => close?.());

  it("is anchored once (a second anchor, e.g. another instance's, keeps the first) and only moves forward", async () => {
    expect(await store.cursor("ticket-events")).toBeNull();
    expect(await store.anchorCursor("ticket-events", 5, AT)).toBe(5);
    expect(await store.anchorCursor("ticket-events", 9, AT)).toBe(5);
    await store.advanceCursor("ticket-events", 12, AT);
    expect(await store.cursor("ticket-events")).toBe(12);
    // An instance that read less far does not move it back.
    await store.advanceCursor("ticket-events", 7, AT);
    expect(await store.cursor("ticket-events")).toBe(12);
    expect(await store.cursor("other-source")).toBeNull();
  });
});
