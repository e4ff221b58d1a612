import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeWorkflow, mermaidStateId, ticketDiagram, TICKET_STATE_PATHS, toMermaid } from "../../../machines";
import { MACHINE_DIAGRAM_PATH, runMachineDiagram } from "../../../scripts/machine-diagram";
import { ticketIn } from "./ticket.factory";

const idOf = mermaidStateId;

describe("toMermaid", () => {
  it("draws a deterministic stateDiagram-v2 of every state and transition", () => {
    const text = toMermaid();
    expect(toMermaid()).toBe(text);
    expect(text.startsWith("stateDiagram-v2\n")).toBe(true);
    expect(text).toContain("  [*] --> intake\n");
    expect(text).toContain("  state escalated {\n    [*] --> filing\n");
    expect(text).toContain("  closed --> [*]\n");
    for (const path of TICKET_STATE_PATHS) expect(text).toContain(idOf(path));
    for (const t of describeWorkflow().transitions) {
      expect(text).toMatch(new RegExp(`${idOf(t.from)} --> ${idOf(t.to)} : ${t.event}\\b`));
    }
    expect(text).not.toContain("classDef");
  });

  it("names nested states by their own name", () => {
    expect(mermaidStateId("escalated.withMicrosoft")).toBe("withMicrosoft");
    expect(toMermaid()).toContain("    withMicrosoft --> actionRequired : MICROSOFT_ACTION_REQUIRED\n");
    expect(toMermaid()).toContain("  withMicrosoft --> resolution : MICROSOFT_CLOSED\n");
  });

  it("highlights the given states in a stable order and ignores unknown ones", () => {
    const text = toMermaid({ highlight: ["resolution", "escalated.withMicrosoft", "nowhere", "intake"] });
    expect(text).toContain("  class intake,resolution,withMicrosoft visited\n");
    expect(text).not.toContain("nowhere");
    expect(toMermaid({ highlight: ["intake", "resolution", "escalated.withMicrosoft"] })).toBe(text);
  });

  it("marks the current state apart from the visited ones", () => {
    const text = toMermaid({ highlight: ["intake", "diagnosis"], current: "diagnosis" });
    expect(text).toContain("  class intake visited\n");
    expect(text).toContain("  class diagnosis current\n");
  });
});

describe("ticketDiagram", () => {
  it("highlights the states this ticket passed through", () => {
    const text = ticketDiagram(ticketIn("escalated.actionRequired"));
    expect(text).toContain("  class intake,diagnosis,escalated,filing,withMicrosoft visited\n");
    expect(text).toContain("  class actionRequired current\n");
    expect(text).not.toMatch(/class .*resolution/);
  });
});

describe("machine-diagram script", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "machine-diagram-"));
    mkdirSync(join(root, "machines"));
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it("writes the diagram and then passes --check", () => {
    expect(runMachineDiagram([], root)).toBe(0);
    expect(readFileSync(join(root, MACHINE_DIAGRAM_PATH), "utf8")).toBe(toMermaid());
    expect(runMachineDiagram(["--check"], root)).toBe(0);
  });

  it("fails --check with a message when the file is stale or missing", () => {
    expect(runMachineDiagram(["--check"], root)).toBe(1);
    writeFileSync(join(root, MACHINE_DIAGRAM_PATH), "stateDiagram-v2\n");
    expect(runMachineDiagram(["--check"], root)).toBe(1);
    expect(process.stderr.write).toHaveBeenCalledWith(expect.stringContaining("out of date"));
  });

  it("has the committed machines/support-ticket.mmd up to date", () => {
    expect(readFileSync(join(process.cwd(), MACHINE_DIAGRAM_PATH), "utf8")).toBe(toMermaid());
  });
});
