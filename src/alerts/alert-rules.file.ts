import { readFileSync } from "node:fs";
import { z } from "zod";
import { alertDestinationSchema } from "./alert-destination";
import { alertRuleInputSchema } from "./alert-rule";
import { messageOf } from "../errors";

/** ALERT_RULES_FILE: the destinations (with their secrets) and the rules seeded at start. */
export const alertRulesFileSchema = z
  .object({
    destinations: z.array(alertDestinationSchema).max(100).default([]),
    rules: z.array(alertRuleInputSchema).max(500).default([]),
  })
  .strict()
  .superRefine((file, context) => {
    const names = new Set<string>();
    file.destinations.forEach((destination, index) => {
      if (names.has(destination.name)) context.addIssue({ code: "custom", path: ["destinations", index, "name"], message: `duplicate destination ${destination.name}` });
      names.add(destination.name);
    });
    file.rules.forEach((rule, index) =>
      rule.destinations.forEach((name, at) => {
        if (!names.has(name)) context.addIssue({ code: "custom", path: ["rules", index, "destinations", at], message: `unknown destination ${name}` });
      }),
    );
  });

export type AlertRulesFile = z.infer<typeof alertRulesFileSchema>;

/** The rules file's problem, naming the file and the first bad path (never a secret's value). */
export class AlertRulesFileError extends Error {
  constructor(file: string, detail: string) {
    super(`ALERT_RULES_FILE ${file}: ${detail}`);
    this.name = "AlertRulesFileError";
  }
}

export function parseAlertRulesFile(json: unknown, file = "(inline)"): AlertRulesFile {
  const result = alertRulesFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AlertRulesFileError(file, `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return result.data;
}

export function loadAlertRulesFile(file: string): AlertRulesFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AlertRulesFileError(file, messageOf(error));
  }
  return parseAlertRulesFile(json, file);
}
