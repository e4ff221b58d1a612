import type { GraphQLResult } from "./test-gateway";

/** Posts a raw GraphQL request (any query text, any body) and returns status and parsed body. */
export async function postGraphQL(
  url: string,
  body: unknown,
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<any> & { headers: Headers }> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: { data?: unknown; errors?: GraphQLResult<unknown>["errors"] } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Non-JSON response (${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, data: parsed.data, errors: parsed.errors ?? [], headers: response.headers };
}
