import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { upstreamFetch } from "../http-dispatcher";

/**
 * The last Graph middleware, in place of the SDK's HTTPMessageHandler (which calls the global
 * fetch): sends the request with {@link upstreamFetch}, the fetch of the same undici copy as the
 * CA dispatcher in `fetchOptions`.
 */
export class UpstreamFetchMiddleware implements Middleware {
  async execute(context: Context): Promise<void> {
    // The SDK hands a URL string; only a redirect of a Request object would hand a Request.
    context.response = typeof context.request === "string" ? await upstreamFetch(context.request, context.options) : await fetch(context.request, context.options);
  }
}
