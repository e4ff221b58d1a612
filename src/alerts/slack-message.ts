import type { AlertPayload } from "./alert-payload";
import { alertFacts } from "./alert-text";

const SEVERITY_EMOJI = { INFO: ":information_source:", WARNING: ":warning:", CRITICAL: ":rotating_light:" } as const;

/** Slack only shows up to 10 fields in a section. */
const MAX_FIELDS = 10;

/** A Slack incoming-webhook message: `text` as the notification fallback, Block Kit blocks for the card. */
export function slackMessage(payload: AlertPayload): object {
  return {
    text: `${payload.title}: ${payload.summary}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: `${SEVERITY_EMOJI[payload.severity]} ${payload.title}`.slice(0, 150), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: payload.summary.slice(0, 3000) } },
      { type: "section", fields: alertFacts(payload).slice(0, MAX_FIELDS).map((fact) => ({ type: "mrkdwn", text: `*${fact.label}*\n${fact.value}`.slice(0, 2000) })) },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in the console" }, url: payload.link }] },
      { type: "context", elements: [{ type: "mrkdwn", text: `Alert ${payload.id}` }] },
    ],
  };
}
