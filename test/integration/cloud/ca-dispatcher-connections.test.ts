import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaDispatcher, dispatcherInit, upstreamFetch } from "../../../src/cloud/http-dispatcher";

// A cold start sends hundreds of requests at once; the dispatcher must reuse a bounded set of
// keep-alive connections instead of opening one TLS connection per request.
describe("CA dispatcher connections", () => {
  let server: Server;
  let certPem: string;
  let tlsConnections = 0;
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    const pems = await generate([{ name: "commonName", value: "localhost" }], {
      keyType: "ec",
      curve: "P-256",
      algorithm: "sha256",
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", digitalSignature: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] },
      ],
    });
    certPem = pems.cert;
    server = createServer({ key: pems.private, cert: pems.cert }, (_req, res) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Hold each request a little, so the client has many outstanding at once.
      setTimeout(() => {
        inFlight -= 1;
        res.end("ok");
      }, 20);
    });
    server.on("secureConnection", () => (tlsConnections += 1));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("serves 200 concurrent requests over at most 32 connections, all answered", async () => {
    const dispatcher = createCaDispatcher(certPem);
    try {
      const { port } = server.address() as AddressInfo;
      const bodies = await Promise.all(
        Array.from({ length: 200 }, async () => (await upstreamFetch(`https://localhost:${port}/`, dispatcherInit(dispatcher))).text()),
      );
      expect(bodies.every((body) => body === "ok")).toBe(true);
      expect(tlsConnections).toBeGreaterThan(1);
      expect(tlsConnections).toBeLessThanOrEqual(32);
      expect(mostInFlight).toBeLessThanOrEqual(32);
    } finally {
      await dispatcher.close();
    }
  });
});
