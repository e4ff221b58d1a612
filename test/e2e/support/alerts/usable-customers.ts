import { hasUsableAccess } from "../../../../src/customers/delegated-access-policy";
import { startTestGateway } from "../test-gateway";

/** Customers of the default emulator seed the partner holds usable delegated access to (the same on every start). */
export async function usableCustomerIds(): Promise<string[]> {
  const probe = await startTestGateway();
  try {
    const access = await probe.app.cloud.customers.listDelegatedAccess();
    return [...access.values()].filter((entry) => hasUsableAccess(entry)).map((entry) => entry.customerTenantId);
  } finally {
    await probe.close();
  }
}
