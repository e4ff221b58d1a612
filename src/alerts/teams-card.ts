import type { AlertPayload } from "./alert-payload";
import { alertFacts } from "./alert-text";

const SEVERITY_COLOR = { INFO: "Accent", WARNING: "Warning", CRITICAL: "Attention" } as const;

/**
 * A Teams incoming-webhook message: one Adaptive Card (1.4) in the message's attachments, as
 * Teams' Workflows / incoming webhooks expect (`type: "message"`, contentType
 * application/vnd.microsoft.card.adaptive).
 */
export function teamsMessage(payload: AlertPayload): object {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: payload.title, weight: "Bolder", size: "Medium", color: SEVERITY_COLOR[payload.severity], wrap: true },
            { type: "TextBlock", text: payload.summary, wrap: true },
            { type: "FactSet", facts: alertFacts(payload).map((fact) => ({ title: fact.label, value: fact.value })) },
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open in the console", url: payload.link }],
        },
      },
    ],
  };
}
