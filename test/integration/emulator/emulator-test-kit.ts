import { Agent, fetch } from "undici";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../../src/emulator";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
export const PC_SCOPE = "https://api.partnercenter.microsoft.com/.default";

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A running emulator on a free port plus small typed helpers to call it over HTTPS. */
export interface EmulatorKit {
  emulator: RunningEmulator;
  agent: Agent;
  request<T = any>(method: string, urlOrPath: string, init?: { headers?: Record<string, string>; body?: string }): Promise<JsonResponse<T>>;
  token(tenant: string, scope?: string): Promise<string>;
  graph<T = any>(tenant: string, pathOrUrl: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<JsonResponse<T>>;
  pc<T = any>(pathOrUrl: string, headers?: Record<string, string>): Promise<JsonResponse<T>>;
  control<T = any>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>>;
  close(): Promise<void>;
}

export async function startKit(options: EmulatorOptions = {}): Promise<EmulatorKit> {
  const emulator = await startEmulator({ port: 0, tenants: 8, ...options });
  const agent = new Agent({ connect: { ca: emulator.caCertPem } });
  const tokens = new Map<string, string>();

  const request: EmulatorKit["request"] = async (method, urlOrPath, init = {}) => {
    const url = urlOrPath.startsWith("https://") ? urlOrPath : `${emulator.url}${urlOrPath}`;
    const res = await fetch(url, { method, headers: init.headers, body: init.body, dispatcher: agent });
    const text = await res.text();
    return { status: res.status, headers: res.headers as unknown as Headers, body: text === "" ? undefined : JSON.parse(text) };
  };

  const token: EmulatorKit["token"] = async (tenant, scope = GRAPH_SCOPE) => {
    const key = `${tenant}|${scope}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const res = await request("POST", `/${tenant}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: emulator.clientId, client_secret: emulator.clientSecret, scope }).toString(),
    });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(key, res.body.access_token);
    return res.body.access_token as string;
  };

  return {
    emulator,
    agent,
    request,
    token,
    async graph(tenant, pathOrUrl, init = {}) {
      const url = pathOrUrl.startsWith("https://") ? pathOrUrl : `/v1.0${pathOrUrl}`;
      return request(init.method ?? "GET", url, {
        headers: { authorization: `Bearer ${await token(tenant)}`, "content-type": "application/json", ...init.headers },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    },
    async pc(pathOrUrl, headers = {}) {
      const url = pathOrUrl.startsWith("https://") ? pathOrUrl : `/v1${pathOrUrl}`;
      return request("GET", url, { headers: { authorization: `Bearer ${await token(emulator.partnerTenantId, PC_SCOPE)}`, ...headers } });
    },
    control(method, path, body) {
      return request(method, `/_emulator${path}`, {
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
    },
    async close() {
      await emulator.close();
      await agent.close();
    },
  };
}

/** Tenant by its fixed index in the seed (see seed.generator.ts for what each index means). */
export function tenantAt(kit: EmulatorKit, index: number): string {
  const tenant = kit.emulator.seed.tenants[index];
  if (!tenant) throw new Error(`no tenant at index ${index}`);
  return tenant.id;
}
