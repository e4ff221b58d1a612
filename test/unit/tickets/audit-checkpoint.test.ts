import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkCheckpointSignature, checkpointsToNdjson, parseCheckpointsNdjson, signCheckpoint } from "../../../src/tickets/audit-checkpoint";
import { computeGlobalHash } from "../../../src/tickets/audit-global-chain";
import { auditKeyId, type AuditSigningKey } from "../../../src/tickets/audit-signing-key";

function aKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { keyId: auditKeyId(publicKey), privateKey, publicKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

const fields = {
  fromSequence: 0,
  sequence: 2,
  headHash: "a".repeat(64),
  at: "2026-01-01T00:00:00.000Z",
  tickets: [["t-1", 2, "b".repeat(64)]] as const,
};

describe("audit checkpoints", () => {
  it("round-trips through NDJSON and still verifies", () => {
    const key = aKey();
    const checkpoint = signCheckpoint(fields, key);
    const [parsed] = parseCheckpointsNdjson(checkpointsToNdjson([checkpoint]));
    expect(parsed).toEqual(checkpoint);
    expect(checkCheckpointSignature(parsed!, [key])).toBe("valid");
  });

  it("detects a change to any signed field, including the ticket list", () => {
    const key = aKey();
    const checkpoint = signCheckpoint(fields, key);
    for (const altered of [
      { ...checkpoint, sequence: 3 },
      { ...checkpoint, fromSequence: 1 },
      { ...checkpoint, at: "2025-12-01T00:00:00.000Z" },
      { ...checkpoint, tickets: [["t-1", 1, "b".repeat(64)] as const] },
      { ...checkpoint, tickets: [] },
    ]) {
      expect(checkCheckpointSignature(altered, [key])).toBe("invalid");
    }
    expect(checkCheckpointSignature(checkpoint, [aKey()])).toBe("unknown-key");
  });

  it("names the malformed line of a checkpoint file", () => {
    const good = checkpointsToNdjson([signCheckpoint(fields, aKey())]);
    expect(() => parseCheckpointsNdjson(`${good}{not json\n`)).toThrow("checkpoint file line 2: not JSON");
    expect(() => parseCheckpointsNdjson(`${good}\n{"sequence":-1}\n`)).toThrow(/line 3: .*tickets must be an array|line 3: fromSequence/);
  });

  it("chains the global hash over sequence, event hash and the previous global hash", () => {
    const first = computeGlobalHash(1, "e1", null);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(computeGlobalHash(2, "e2", first)).not.toBe(computeGlobalHash(2, "e2", computeGlobalHash(1, "e1x", null)));
    expect(computeGlobalHash(1, "e1", null)).toBe(first);
    expect(computeGlobalHash(2, "e1", null)).not.toBe(first);
  });
});
