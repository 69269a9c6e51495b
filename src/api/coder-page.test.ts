// @vitest-environment jsdom
// (jsdom has DOMParser, and the page origin the app's relative "/" resolves against.)
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fetchCoderPage, loadCoderPage, readCoderPageMeta, resetCoderPage } from "./coder-page.ts";

/** index.html as Coder's page handler renders it (Go's html/template escaping included). */
function coderPage({ name = "Coder", logo = "", token = "dG9rZW4rLz0=" } = {}) {
  return `<!doctype html>
<head>
  <meta charset="utf-8" />
  <title>${name}</title>
  <meta name="application-name" content="${name}" />
  <meta property="og:type" content="website" />
  <meta property="csrf-token" content="${token}" />
  <meta property="build-info" content="{&#34;version&#34;:&#34;v2.20.0&#34;}" />
  <meta property="logo-url" content="${logo}" />
</head>
<body><div id="root"></div><script type="module" src="/assets/index.js"></script></body>`;
}

let requests = 0;
const server = setupServer();
server.events.on("request:start", ({ request }) => {
  if (new URL(request.url).pathname === "/") requests++;
});
const serve = (body: string, init: ResponseInit = {}) =>
  server.use(
    http.get("/", () =>
      HttpResponse.text(body, {
        ...init,
        headers: { "Content-Type": "text/html; charset=utf-8", ...init.headers },
      }),
    ),
  );

let consoleError: ReturnType<typeof vi.spyOn>;
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  server.resetHandlers();
  resetCoderPage();
  requests = 0;
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});
afterAll(() => server.close());

describe("readCoderPageMeta", () => {
  it("reads the token, the name and the logo as Coder writes them, entities decoded", () => {
    const html = coderPage({
      name: "Acme &amp; Co &#43; Friends",
      logo: "https://cdn.acme.example/logo.svg?v=2&amp;size=64",
      token: "abc&#43;/def==",
    });
    expect(readCoderPageMeta(html)).toEqual({
      csrfToken: "abc+/def==",
      applicationName: "Acme & Co + Friends",
      logoUrl: "https://cdn.acme.example/logo.svg?v=2&size=64",
    });
  });

  it("leaves out what is empty, and Coder's development placeholders", () => {
    expect(readCoderPageMeta(coderPage({ logo: "" }))).not.toHaveProperty("logoUrl");
    expect(
      readCoderPageMeta(
        coderPage({ name: "{{ .ApplicationName }}", logo: "{{ .LogoURL }}", token: "t" }),
      ),
    ).toEqual({ csrfToken: "t" });
  });

  it("treats markup in a value as text, runs nothing and loads nothing", () => {
    const before = document.body.innerHTML;
    const meta = readCoderPageMeta(
      coderPage({ name: "&lt;img src=x onerror=alert(1)&gt;", logo: "javascript:alert(1)" }),
    );
    expect(meta.applicationName).toBe("<img src=x onerror=alert(1)>");
    expect(meta.logoUrl).toBe("javascript:alert(1)");
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelector("img")).toBeNull();
  });

  it("ignores tags that are not Coder's (a comment, the page's body, another attribute)", () => {
    const html = `<!doctype html><head><!-- <meta name="application-name" content="Fake"> -->
      <meta property="application-name" content="Wrong attribute"></head>
      <body><meta name="application-name" content="In the body"></body>`;
    expect(readCoderPageMeta(html)).toEqual({});
  });
});

describe("fetchCoderPage", () => {
  it("asks for an HTML page at / with the browser's cookies", async () => {
    let seen: Request | undefined;
    server.use(
      http.get("/", ({ request }) => {
        seen = request;
        return HttpResponse.text(coderPage({ name: "Acme" }), {
          headers: { "Content-Type": "text/html" },
        });
      }),
    );
    expect(await fetchCoderPage()).toMatchObject({ applicationName: "Acme" });
    expect(seen?.headers.get("accept")).toBe("text/html");
    expect(seen?.credentials).toBe("same-origin");
  });

  it.each([
    ["an error status", () => serve(coderPage({ name: "Acme" }), { status: 502 })],
    [
      "something other than HTML",
      () =>
        server.use(
          http.get("/", () => HttpResponse.json({ application_name: "Acme" }, { status: 200 })),
        ),
    ],
    ["a dropped connection", () => server.use(http.get("/", () => HttpResponse.error()))],
  ])("reads %s as a page that says nothing, quietly", async (_, setUp) => {
    setUp();
    expect(await fetchCoderPage()).toEqual({});
  });

  it("gives up on a page that never comes", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      server.use(http.get("/", () => new Promise<Response>(() => {})));
      const result = fetchCoderPage();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await result).toEqual({});
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("loadCoderPage", () => {
  it("makes one request however many ask, and a new one when asked for a fresh copy", async () => {
    serve(coderPage({ name: "Acme", token: "one" }));
    const [a, b] = await Promise.all([loadCoderPage(), loadCoderPage()]);
    expect(a).toEqual(b);
    expect(await loadCoderPage()).toMatchObject({ csrfToken: "one" });
    expect(requests).toBe(1);

    serve(coderPage({ name: "Acme", token: "two" }));
    expect(await loadCoderPage({ fresh: true })).toMatchObject({ csrfToken: "two" });
    expect(requests).toBe(2);
  });
});
