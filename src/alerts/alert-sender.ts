import nodemailer, { type Transporter } from "nodemailer";
import type { AlertDestination } from "./alert-destination";
import { ALERT_HEADLINE } from "./alert-kind";
import type { AlertPayload } from "./alert-payload";
import { alertText } from "./alert-text";
import { slackMessage } from "./slack-message";
import { signStandardWebhook } from "./standard-webhook.signer";
import { teamsMessage } from "./teams-card";
import { messageOf } from "../errors";

/** A delivery the receiver refused or could not take; `permanent` ones are not retried. */
export class AlertDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "AlertDeliveryError";
  }
}

/**
 * Sends one alert to one destination over its channel: Standard Webhooks-signed JSON, Teams and
 * Slack incoming webhooks, or SMTP mail. Throws AlertDeliveryError on failure (the worker retries).
 */
export class AlertSender {
  private readonly transports = new Map<string, Transporter>();

  constructor(private readonly options: { timeoutMs: number; clock?: () => Date }) {}

  async send(destination: AlertDestination, payload: AlertPayload): Promise<void> {
    switch (destination.channel) {
      case "WEBHOOK": {
        const body = JSON.stringify(payload);
        const headers = signStandardWebhook(destination.secrets, payload.id, this.options.clock?.() ?? new Date(), body);
        return this.post(destination.url, body, { ...headers });
      }
      case "TEAMS":
        return this.post(destination.url, JSON.stringify(teamsMessage(payload)), {});
      case "SLACK":
        return this.post(destination.url, JSON.stringify(slackMessage(payload)), {});
      case "EMAIL":
        return this.mail(destination, payload);
    }
  }

  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<void> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "partner-support-gateway-alerts/1", ...headers },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: "manual",
      });
    } catch (error) {
      throw new AlertDeliveryError(`POST failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`, false);
    }
    // Drain the body so the connection is reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    // 410 Gone: the receiver says the endpoint is gone for good (Standard Webhooks' advice: stop).
    throw new AlertDeliveryError(`receiver answered ${response.status}`, response.status === 410);
  }

  private async mail(destination: Extract<AlertDestination, { channel: "EMAIL" }>, payload: AlertPayload): Promise<void> {
    let transport = this.transports.get(destination.name);
    if (!transport) {
      transport = nodemailer.createTransport({
        host: destination.smtp.host,
        port: destination.smtp.port,
        secure: destination.smtp.secure,
        ...(destination.smtp.user ? { auth: { user: destination.smtp.user, pass: destination.smtp.password ?? "" } } : {}),
        connectionTimeout: this.options.timeoutMs,
        greetingTimeout: this.options.timeoutMs,
        socketTimeout: this.options.timeoutMs,
      });
      this.transports.set(destination.name, transport);
    }
    try {
      await transport.sendMail({
        from: destination.from,
        to: destination.to,
        subject: `[${payload.severity}] ${ALERT_HEADLINE[payload.kind]}: ${payload.ticket?.title ?? payload.customer.name ?? payload.customer.id}`,
        text: alertText(payload),
        // One Message-ID per (alert, destination): a receiver's duplicate filter sees a re-send as one.
        messageId: `<${payload.id}.${encodeURIComponent(destination.name)}@alerts.partner-support-gateway>`,
        headers: { "X-Alert-Id": payload.id, "X-Alert-Kind": payload.kind },
        attachments: [{ filename: "alert.json", content: JSON.stringify(payload, null, 2), contentType: "application/json" }],
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx SMTP replies are permanent (RFC 5321), except the connection-level failures nodemailer reports without one.
      throw new AlertDeliveryError(`SMTP: ${messageOf(error)}`, typeof code === "number" && code >= 500 && code < 600);
    }
  }
}
