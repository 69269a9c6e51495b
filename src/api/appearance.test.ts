// @vitest-environment jsdom
// (jsdom gives the page origin that the app's relative /api/v2 URLs resolve against.)
import { QueryClient } from "@tanstack/react-query";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MockCoder } from "../../mock/coder.ts";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { appearanceQuery, DEFAULT_APPEARANCE, maybeAppearanceQuery } from "./appearance.ts";
import { setSessionHint } from "./session-hint.ts";

const { mock, server } = setupMockCoder();
const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
  vi.useRealTimers();
  localStorage.clear();
});

/** An owner brands the deployment over the API (header auth, as curl would). */
async function brand(target: MockCoder, body: unknown) {
  const login = await target.handle(
    new Request("http://localhost/api/v2/users/login", {
      method: "POST",
      body: JSON.stringify({ email: "admin@coder.com", password: "SomeSecurePassword!" }),
    }),
  );
  const { session_token } = (await login.json()) as { session_token: string };
  const res = await target.handle(
    new Request("http://localhost/api/v2/appearance", {
      method: "PUT",
      headers: { "Coder-Session-Token": session_token },
      body: JSON.stringify(body),
    }),
  );
  expect(res.status).toBe(200);
}

async function signIn(email = "member@coder.com") {
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "SomeSecurePassword!" }),
  });
  expect(response.status).toBe(201);
}

const BRANDING = {
  application_name: "Acme Cloud Desktops",
  logo_url: "https://cdn.acme.example/logo.svg",
  announcement_banners: [
    { enabled: true, message: "Maintenance on Sunday", background_color: "#004852" },
    { enabled: false, background_color: "#ffffff" },
  ],
};

describe("appearanceQuery", () => {
  it("returns the deployment's branding to a signed-in user, banners filled in", async () => {
    await brand(mock, BRANDING);
    await signIn();
    const appearance = await client().fetchQuery(appearanceQuery());
    expect(appearance).toMatchObject({
      application_name: "Acme Cloud Desktops",
      logo_url: "https://cdn.acme.example/logo.svg",
      announcement_banners: [
        { enabled: true, message: "Maintenance on Sunday", background_color: "#004852" },
        // Go leaves the empty message out; the schema puts it back.
        { enabled: false, message: "", background_color: "#ffffff" },
      ],
    });
    expect(appearance.support_links.map((l) => l.icon)).toEqual(["docs", "bug", "chat", "star"]);
  });

  it("answers an unlicensed deployment's defaults as they come", async () => {
    mock.config.appearance = "unlicensed";
    await brand(mock, BRANDING);
    await signIn();
    const appearance = await client().fetchQuery(appearanceQuery());
    expect(appearance).toMatchObject({
      application_name: "",
      logo_url: "",
      announcement_banners: [],
    });
  });

  it.each([
    ["signed out (401)", () => Promise.resolve()],
    [
      "a build without the enterprise routes (404)",
      async () => {
        mock.config.appearance = "agpl";
        await signIn();
      },
    ],
    [
      "a server error (500)",
      async () => {
        server.use(http.get("*/api/v2/appearance", () => HttpResponse.json({}, { status: 500 })));
      },
    ],
    [
      "no answer at all",
      async () => {
        server.use(http.get("*/api/v2/appearance", () => HttpResponse.error()));
      },
    ],
    [
      "a body that is not Coder's",
      async () => {
        server.use(
          http.get("*/api/v2/appearance", () => HttpResponse.json({ announcement_banners: 7 })),
        );
      },
    ],
  ])("resolves to the defaults, without an error, for %s", async (_case, arrange) => {
    await arrange();
    const queryClient = client();
    const appearance = await queryClient.fetchQuery(appearanceQuery());
    expect(appearance).toBe(DEFAULT_APPEARANCE);
    expect(queryClient.getQueryState(appearanceQuery().queryKey)?.status).toBe("success");
  });

  it("asks again a minute after a fallback, so a later sign-in gets the branding", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await brand(mock, BRANDING);
    const queryClient = client();
    expect(await queryClient.fetchQuery(appearanceQuery())).toBe(DEFAULT_APPEARANCE);
    await signIn();
    vi.setSystemTime(Date.now() + 30_000);
    expect(await queryClient.fetchQuery(appearanceQuery())).toBe(DEFAULT_APPEARANCE);
    vi.setSystemTime(Date.now() + 31_000);
    expect(await queryClient.fetchQuery(appearanceQuery())).toMatchObject({
      application_name: "Acme Cloud Desktops",
    });
  });

  it("keeps a real answer for ten minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await signIn();
    const queryClient = client();
    expect(await queryClient.fetchQuery(appearanceQuery())).toMatchObject({ application_name: "" });
    await brand(mock, BRANDING);
    vi.setSystemTime(Date.now() + 9 * 60_000);
    expect(await queryClient.fetchQuery(appearanceQuery())).toMatchObject({ application_name: "" });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    expect(await queryClient.fetchQuery(appearanceQuery())).toMatchObject({
      application_name: "Acme Cloud Desktops",
    });
  });

  it("shows the defaults while the answer is on its way", () => {
    expect(appearanceQuery().placeholderData).toBe(DEFAULT_APPEARANCE);
  });
});

describe("maybeAppearanceQuery", () => {
  it("asks only when this browser may be signed in", () => {
    setSessionHint(false);
    expect(maybeAppearanceQuery().enabled).toBe(false);
    setSessionHint(true);
    expect(maybeAppearanceQuery().enabled).toBe(true);
  });
});
