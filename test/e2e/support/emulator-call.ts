import { fetch as undiciFetch, type Agent } from "undici";

/** Calls the emulator (control API included) over HTTPS, trusting its certificate through `dispatcher` only. */
export async function callEmulator(
  baseUrl: string,
  dispatcher: Agent,
  path: string,
  body?: unknown,
  method?: string,
): Promise<{ status: number; json: any }> {
  const response = await undiciFetch(`${baseUrl}${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    dispatcher,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}
