/**
 * Entra ID role template ids used in GDAP relationships (MICROSOFT-APIS.md §7). The ids are the
 * same in every tenant, so adapters and the emulator can compare them directly.
 */
export const GDAP_ROLE = {
  SERVICE_SUPPORT_ADMINISTRATOR: "f023fd81-a637-4b56-95fd-791ac0226033",
  HELPDESK_ADMINISTRATOR: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  GLOBAL_READER: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  GLOBAL_ADMINISTRATOR: "62e90394-69f5-4237-9190-012177145e10",
  MESSAGE_CENTER_READER: "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b",
} as const;

/** Roles that let a partner read a customer's service health (emulator policy, §7). */
export const HEALTH_READER_ROLES: readonly string[] = [
  GDAP_ROLE.SERVICE_SUPPORT_ADMINISTRATOR,
  GDAP_ROLE.HELPDESK_ADMINISTRATOR,
  GDAP_ROLE.GLOBAL_READER,
  GDAP_ROLE.GLOBAL_ADMINISTRATOR,
];

/** Relationship statuses under which the partner's roles are in force. */
export const EFFECTIVE_RELATIONSHIP_STATUSES: readonly string[] = ["active", "expiring"];
