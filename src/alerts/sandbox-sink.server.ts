import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AlertDestination } from "./alert-destination";
import { verifyStandardWebhook } from "./standard-webhook.verifier";

/** One message the sink received. */
export interface SinkMessage {
  channel: "WEBHOOK" | "TEAMS" | "SLACK" | "EMAIL";
  receivedAt: string;
  /** Webhooks: whether the Standard Webhooks signature verified; null for channels without one. */
  signatureValid: boolean | null;
  webhookId: string | null;
  /** Mail: the subject and recipients. */
  subject: string | null;
  to: string[];
  body: unknown;
}

export interface RunningSandboxSink {
  /** http://127.0.0.1:PORT */
  url: string;
  smtpPort: number;
  /** The sink's endpoints as alert destinations (every channel), for the sandbox's default rule. */
  destinations: AlertDestination[];
  messages(): readonly SinkMessage[];
  close(): Promise<void>;
}

/** Most messages kept (oldest dropped). */
const MAX_MESSAGES = 1_000;
const MAX_BODY_BYTES = 1_000_000;

/**
 * The sandbox's alert receiver (issue 18): webhooks (signature verified), Teams and Slack cards
 * over HTTP, and mail over SMTP, all on loopback, listed at GET /sink/messages. `npm start` in
 * sandbox mode routes every alert here, so a newcomer sees alerts arrive without configuring anything.
 */
export async function startSandboxSink(options: { port: number; smtpPort: number; host?: string }): Promise<RunningSandboxSink> {
  const host = options.host ?? "127.0.0.1";
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const messages: SinkMessage[] = [];
  const keep = (message: SinkMessage) => {
    messages.push(message);
    if (messages.length > MAX_MESSAGES) messages.shift();
  };

  const http: Server = createServer((request, response) => {
    const reply = ({ status, body }: { status: number; body: unknown }) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    void handle(request).then(reply, () => reply({ status: 400, body: { error: "bad request" } }));
  });
  const handle = async (request: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/sink/messages") return { status: 200, body: { messages } };
    if (request.method !== "POST") return { status: 404, body: { error: "not found" } };
    const text = await readText(request);
    const channel = path === "/sink/webhooks" ? "WEBHOOK" : path === "/sink/teams" ? "TEAMS" : path === "/sink/slack" ? "SLACK" : null;
    if (channel === null) return { status: 404, body: { error: "not found" } };
    const header = (name: string) => (typeof request.headers[name] === "string" ? (request.headers[name] as string) : undefined);
    const signatureValid =
      channel === "WEBHOOK"
        ? verifyStandardWebhook([secret], { "webhook-id": header("webhook-id"), "webhook-timestamp": header("webhook-timestamp"), "webhook-signature": header("webhook-signature") }, text)
        : null;
    keep({ channel, receivedAt: new Date().toISOString(), signatureValid, webhookId: header("webhook-id") ?? null, subject: null, to: [], body: JSON.parse(text) as unknown });
    // A receiver refuses what it cannot verify (the gateway then retries and logs it).
    return signatureValid === false ? { status: 401, body: { error: "invalid signature" } } : { status: 204, body: null };
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((address) => address.value.map((entry) => entry.address ?? ""));
          keep({ channel: "EMAIL", receivedAt: new Date().toISOString(), signatureValid: null, webhookId: null, subject: mail.subject ?? null, to, body: mail.text ?? "" });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, host, () => resolve());
  });
  try {
    await new Promise<void>((resolve, reject) => {
      smtp.server.once("error", reject);
      smtp.listen(options.smtpPort, host, () => resolve());
    });
  } catch (error) {
    await new Promise((resolve) => http.close(resolve));
    throw error;
  }
  const url = `http://${host}:${(http.address() as AddressInfo).port}`;
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  return {
    url,
    smtpPort,
    destinations: [
      { name: "sandbox-webhook", channel: "WEBHOOK", url: `${url}/sink/webhooks`, secrets: [secret] },
      { name: "sandbox-mail", channel: "EMAIL", smtp: { host, port: smtpPort, secure: false }, from: "alerts@sandbox.invalid", to: ["desk@sandbox.invalid"] },
      { name: "sandbox-teams", channel: "TEAMS", url: `${url}/sink/teams` },
      { name: "sandbox-slack", channel: "SLACK", url: `${url}/sink/slack` },
    ],
    messages: () => messages,
    async close() {
      http.closeAllConnections();
      await Promise.all([new Promise((resolve) => http.close(resolve)), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
    },
  };
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
