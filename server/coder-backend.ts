// Whatever answers for Coder behind our servers: the mock in the same process, or a real
// deployment through the proxy (CODER_URL). Either way a failed single sign-on callback ends on
// our page (./front-door.ts), as it does behind the nginx and Caddy front doors.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MockCoder } from "../mock/coder.ts";
import { askMock, writeFetchResponse } from "../mock/node-http.ts";
import type { CoderProxy } from "./coder-proxy.ts";
import {
  injectSeam,
  isPageVisit,
  SEAM_TAG,
  signedOutLocation,
  ssoFailureLocation,
} from "./front-door.ts";

export type CoderBackend = { mock: MockCoder } | { proxy: CoderProxy };

/**
 * Hands a request for one of Coder's paths to Coder, doing on the way what the deployed front
 * door does (deploy/nginx): a signed-out page visit goes to our sign-in, Coder's HTML gets the
 * seam script (`seamTag`: the development server's differs, as the script is built only for
 * production), and a failed single sign-on callback ends on our page.
 */
export function forwardToCoder(
  backend: CoderBackend,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  seamTag: string = SEAM_TAG,
): void {
  const method = req.method ?? "GET";
  const signIn = signedOutLocation(method, req.url ?? "/", req.headers);
  if (signIn) {
    req.resume();
    res.writeHead(302, { location: signIn, "cache-control": "no-store" }).end();
    return;
  }
  if ("proxy" in backend) {
    backend.proxy.web(req, res, url, seamTag);
    return;
  }
  askMock(backend.mock, req, url)
    .then(async (response) => {
      const failure = ssoFailureLocation(
        req.method ?? "GET",
        url,
        response.status,
        req.headers.accept,
      );
      if (failure) {
        await response.body?.cancel();
        res.writeHead(303, { location: failure, "cache-control": "no-store" }).end();
        return;
      }
      const type = response.headers.get("content-type") ?? "";
      if (isPageVisit(method, req.headers) && /^text\/html/i.test(type)) {
        const html = injectSeam(await response.text(), seamTag);
        const headers = new Headers(response.headers);
        headers.delete("content-length");
        await writeFetchResponse(
          res,
          new Response(html, { status: response.status, headers }),
          method,
        );
        return;
      }
      await writeFetchResponse(res, response, req.method);
    })
    .catch((cause: unknown) => {
      console.error("[mock coder]", cause);
      if (res.headersSent) res.destroy();
      else
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal error\n");
    });
}
