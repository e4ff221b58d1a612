import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";

/** A webhook delivery the receiver accepted (signature verified by the standardwebhooks package). */
export interface ReceivedWebhook {
  webhookId: string;
  payload: Record<string, any>;
}

export interface WebhookReceiver {
  url: string;
  /** Deliveries answered 2xx, in arrival order. */
  accepted: ReceivedWebhook[];
  /** Every request, answered or not. */
  requests: number;
  /** Requests whose signature did not verify. */
  rejected: number;
  /** Answer this status to the next `count` requests (then 200 again). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

/**
 * A loopback webhook endpoint that verifies every delivery with the `standardwebhooks` package
 * (an implementation independent of the gateway's) and can answer 503 for a while.
 */
export async function startWebhookReceiver(secret: string, options: { hold?: boolean } = {}): Promise<WebhookReceiver & { held: () => number; setHold(hold: boolean): void }> {
  const verifier = new Webhook(secret);
  let failing = 0;
  let failStatus = 503;
  let held = 0;
  const state = { accepted: [] as ReceivedWebhook[], requests: 0, rejected: 0 };
  const server: Server = createServer((request, response) => {
    void read(request).then((body) => {
      state.requests += 1;
      if (options.hold) {
        // Never answers: the sender is killed while waiting (the crash test).
        held += 1;
        return;
      }
      if (failing > 0) {
        failing -= 1;
        response.writeHead(failStatus).end();
        return;
      }
      const headers = { "webhook-id": String(request.headers["webhook-id"]), "webhook-timestamp": String(request.headers["webhook-timestamp"]), "webhook-signature": String(request.headers["webhook-signature"]) };
      try {
        const payload = verifier.verify(body, headers) as Record<string, any>;
        state.accepted.push({ webhookId: headers["webhook-id"], payload });
        response.writeHead(204).end();
      } catch {
        state.rejected += 1;
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    get accepted() {
      return state.accepted;
    },
    get requests() {
      return state.requests;
    },
    get rejected() {
      return state.rejected;
    },
    held: () => held,
    setHold(hold) {
      options.hold = hold;
    },
    failNext(count, status = 503) {
      failing = count;
      failStatus = status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface ReceivedMail {
  subject: string;
  to: string[];
  text: string;
  alertId: string | null;
  attachment: Record<string, any> | null;
}

/** A loopback SMTP server (smtp-server) that records every message. */
export async function startSmtpRecorder(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((address) => address.value.map((entry) => entry.address ?? ""));
          const json = mail.attachments.find((attachment) => attachment.filename === "alert.json");
          mails.push({
            subject: mail.subject ?? "",
            to,
            text: mail.text ?? "",
            alertId: (mail.headers.get("x-alert-id") as string | undefined) ?? null,
            attachment: json ? (JSON.parse(json.content.toString("utf8")) as Record<string, any>) : null,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function read(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
