import net from "node:net";

/** Hosts a test may connect to: this machine only. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export interface LoopbackGuard {
  /** Every refused destination, e.g. "login.microsoftonline.com:443", in order. */
  readonly refused: readonly string[];
  release(): void;
}

function destinationOf(args: unknown[]): { host: string; port: string } | null {
  const [first, second] = args as [unknown, unknown];
  const options = Array.isArray(first) ? (first[0] as unknown) : first;
  if (typeof options === "object" && options !== null) {
    const { host, port, path } = options as { host?: string | null; port?: number | string | null; path?: string | null };
    if (path !== undefined && path !== null) return null; // a Unix socket or pipe: local by definition
    return { host: host ?? "localhost", port: String(port ?? "") };
  }
  if (typeof options === "number" || (typeof options === "string" && /^\d+$/.test(options))) {
    return { host: typeof second === "string" ? second : "localhost", port: String(options) };
  }
  return null;
}

/**
 * Refuses, process-wide, every TCP connection to anything but loopback (net.Socket#connect is
 * where undici, node:https and every driver end up), recording the destination; the socket gets
 * an ECONNREFUSED-like error instead of reaching the network. For "works offline" assertions.
 */
export function guardLoopbackOnly(): LoopbackGuard {
  const refused: string[] = [];
  const original = net.Socket.prototype.connect;
  const guarded = function (this: net.Socket, ...args: unknown[]) {
    const destination = destinationOf(args);
    if (destination !== null && !LOOPBACK.has(destination.host.replace(/^\[|\]$/g, "").toLowerCase())) {
      refused.push(`${destination.host}:${destination.port}`);
      const error = Object.assign(new Error(`connect ECONNREFUSED ${destination.host}:${destination.port} (non-loopback connection refused by the test guard)`), {
        code: "ECONNREFUSED",
      });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = guarded as typeof original;
  return {
    refused,
    release() {
      if (net.Socket.prototype.connect === (guarded as typeof original)) net.Socket.prototype.connect = original;
    },
  };
}
