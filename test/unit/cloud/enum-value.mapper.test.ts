import { describe, expect, it } from "vitest";
import { parseEnumValue } from "../../../src/cloud/enum-value.mapper";

const STATUSES = ["SERVICE_OPERATIONAL", "SERVICE_DEGRADATION", "UNKNOWN"] as const;
const CYCLES = ["unknown", "monthly", "annual", "one_time"] as const;

describe("parseEnumValue", () => {
  it("accepts camelCase, PascalCase and upper snake case alike", () => {
    expect(parseEnumValue("serviceOperational", STATUSES, "UNKNOWN")).toBe("SERVICE_OPERATIONAL");
    expect(parseEnumValue("ServiceOperational", STATUSES, "UNKNOWN")).toBe("SERVICE_OPERATIONAL");
    expect(parseEnumValue("SERVICE_DEGRADATION", STATUSES, "UNKNOWN")).toBe("SERVICE_DEGRADATION");
  });

  it("maps snake case to the allowed spelling", () => {
    expect(parseEnumValue("One_Time", CYCLES, "unknown")).toBe("one_time");
  });

  it("falls back for unknown values, empty strings and non-strings", () => {
    expect(parseEnumValue("unknownFutureValue", STATUSES, "UNKNOWN")).toBe("UNKNOWN");
    expect(parseEnumValue("", STATUSES, "UNKNOWN")).toBe("UNKNOWN");
    expect(parseEnumValue(null, STATUSES, "UNKNOWN")).toBe("UNKNOWN");
    expect(parseEnumValue({}, STATUSES, "UNKNOWN")).toBe("UNKNOWN");
  });

  it("reads integers (and integer strings) by position only when an integer table is given", () => {
    expect(parseEnumValue(3, CYCLES, "unknown", CYCLES)).toBe("one_time");
    expect(parseEnumValue("2", CYCLES, "unknown", CYCLES)).toBe("annual");
    expect(parseEnumValue(99, CYCLES, "unknown", CYCLES)).toBe("unknown");
    expect(parseEnumValue(1, CYCLES, "unknown")).toBe("unknown");
  });
});
