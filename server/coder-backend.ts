// Whatever answers for Coder behind our servers: the mock in the same process, or a real
// deployment through the proxy (CODER_URL). Either way a failed single sign-on callback ends on
// our page (./front-door.ts), as it does behind the nginx and Caddy front doors.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MockCoder } from "../mock/coder.ts";
import { askMock, writeFetchResponse } from "../mock/node-http.ts";
import type { CoderProxy } from "./coder-proxy.ts";
import { ssoFailureLocation } from "./front-door.ts";

export type CoderBackend = { mock: MockCoder } | { proxy: CoderProxy };

export function forwardToCoder(
  backend: CoderBackend,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  if ("proxy" in backend) {
    backend.proxy.web(req, res, url);
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
      await writeFetchResponse(res, response, req.method);
    })
    .catch((cause: unknown) => {
      console.error("[mock coder]", cause);
      if (res.headersSent) res.destroy();
      else
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal error\n");
    });
}
