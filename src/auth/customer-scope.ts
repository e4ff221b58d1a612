import type { AgentRole } from "./agent";

/**
 * Support leads audit every ticket, including those of customers whose delegated access has
 * ended; agents see only customers the partner still holds usable delegated access to.
 */
export const seesEveryCustomer = (role: AgentRole): boolean => role === "SUPPORT_LEAD";
