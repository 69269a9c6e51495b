// The mock in unit and component tests: one msw/node catch-all handler in front of
// mock.handle(), matching by path on any origin (jsdom's http://localhost:3000, plain
// http://localhost, …). Responses' cookies go into a browser-like jar and come back on later
// requests, so "sign in, then load /users/me" works as it does in a browser.
//
//   const { mock, server } = createMockServer();
//   beforeAll(() => server.listen());
//   afterEach(() => { server.resetHandlers(); mock.reset(); });
//   afterAll(() => server.close());
import { http } from "msw";
import { type SetupServer, setupServer } from "msw/node";
import { type CreateMockCoderOptions, createMockCoder, type MockCoder } from "./coder.ts";
import { type CookieJar, createCookieJar } from "./cookie-jar.ts";

export interface MockServerOptions extends CreateMockCoderOptions {
  /** false: no cookie jar; every request carries only the cookies it sets itself. */
  cookies?: boolean;
  /** The client address the mock sees (rate limits are per address). */
  clientIp?: string;
}

export interface MockServer {
  mock: MockCoder;
  server: SetupServer;
  /** The jar (cleared by mock.reset()); HttpOnly cookies are readable here, as in devtools. */
  cookies: CookieJar;
}

/**
 * Whether to attach the jar's cookies. msw's interceptor hands resolvers a Request whose
 * `credentials` is always "same-origin", so the mode the test asked for is not visible; cookies
 * go to every request for the same host (ports ignored, as browsers do), unless marked "omit".
 */
function sendsCookies(request: Request): boolean {
  return request.credentials !== "omit";
}

export function createMockServer(options: MockServerOptions = {}): MockServer {
  const { cookies: useJar = true, clientIp = "127.0.0.1", ...coderOptions } = options;
  let jar: CookieJar | undefined;
  const mock = createMockCoder({
    ...coderOptions,
    onReset() {
      jar?.clear();
      coderOptions.onReset?.();
    },
  });
  jar = createCookieJar(() => mock.now());
  const cookies = jar;

  const handler = http.all("*", async ({ request }) => {
    const url = new URL(request.url);
    // The API, and pages the way Coder's page handler answers them (the app reads its CSRF token
    // from one); anything else (the app's own modules, images) is not the mock's.
    const page =
      (request.method === "GET" || request.method === "HEAD") &&
      (request.headers.get("accept") ?? "").includes("text/html");
    if (!mock.owns(url) && !page) return undefined;
    let outgoing = request;
    if (useJar && sendsCookies(request)) {
      const header = cookies.cookieHeader(url, request.headers.get("cookie"));
      if (header !== null) {
        const headers = new Headers(request.headers);
        headers.set("cookie", header);
        outgoing = new Request(request, { headers });
      }
    }
    const response = await mock.handle(outgoing, { clientIp });
    if (useJar && request.credentials !== "omit")
      cookies.store(url, response.headers.getSetCookie());
    return response;
  });

  return { mock, server: setupServer(handler), cookies };
}
