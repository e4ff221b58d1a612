import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaDispatcher, dispatcherInit, upstreamFetch } from "../../../src/cloud/http-dispatcher";
import { startEmulator, type RunningEmulator } from "../../../src/emulator";

/**
 * createCaDispatcher builds one TLS secure context from the emulator's CA: verification must stay
 * on. Two emulators, each with its own certificate (own tlsDir), and a server whose certificate
 * names another host.
 */
const dirs: string[] = [];
let trusted: RunningEmulator;
let stranger: RunningEmulator;
let dispatcher: Agent;

const tenantsPath = "/_emulator/tenants";

/** The TLS error code under the `fetch failed` TypeError undici rejects with. */
async function tlsFailureOf(request: Promise<Response>): Promise<string | undefined> {
  const error = await request.then(
    (response) => {
      throw new Error(`expected the connection to be refused, got HTTP ${response.status}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TypeError);
  return ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
}

const emulatorIn = async (prefix: string): Promise<RunningEmulator> => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return startEmulator({ port: 0, tenants: 1, tlsDir: dir });
};

beforeAll(async () => {
  [trusted, stranger] = await Promise.all([emulatorIn("ca-dispatcher-a-"), emulatorIn("ca-dispatcher-b-")]);
  dispatcher = createCaDispatcher(trusted.caCertPem);
});

afterAll(async () => {
  await dispatcher?.close();
  await Promise.all([trusted?.close(), stranger?.close()]);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("createCaDispatcher", () => {
  it("gives the two emulators different certificates (the premise of the tests below)", () => {
    expect(stranger.caCertPem).not.toBe(trusted.caCertPem);
  });

  it("connects to the emulator whose certificate it trusts, on every new connection", async () => {
    // Concurrent requests open several connections, all from the one secure context.
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => upstreamFetch(`${trusted.url}${tenantsPath}`, dispatcherInit(dispatcher))),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(((await response.json()) as { partner: { tenantId: string } }).partner.tenantId).toBe(trusted.partnerTenantId);
    }
  });

  it("refuses another emulator's certificate with a TLS verification error, through the same dispatcher", async () => {
    const code = await tlsFailureOf(upstreamFetch(`${stranger.url}${tenantsPath}`, dispatcherInit(dispatcher)));
    expect(code).toMatch(/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/);
    // And the trusted emulator is still reachable afterwards.
    expect((await upstreamFetch(`${trusted.url}${tenantsPath}`, dispatcherInit(dispatcher))).status).toBe(200);
  });

  it("trusts the CA for its own connections only: a fetch without it still refuses the emulator", async () => {
    const code = await tlsFailureOf(upstreamFetch(`${trusted.url}${tenantsPath}`));
    expect(code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|ISSUER/);
  });

  it("still checks the host name: a trusted certificate issued for another host is refused", async () => {
    const pems = await generate([{ name: "commonName", value: "elsewhere.example" }], {
      keyType: "ec",
      curve: "P-256",
      algorithm: "sha256",
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", digitalSignature: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 2, value: "elsewhere.example" }] },
      ],
    });
    const server: Server = createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end("should not be reached"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const trustingIt = createCaDispatcher(pems.cert);
    try {
      const { port } = server.address() as AddressInfo;
      const code = await tlsFailureOf(upstreamFetch(`https://localhost:${port}/`, dispatcherInit(trustingIt)));
      expect(code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    } finally {
      await trustingIt.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
