// The deployment's branding on the sign-in, reset and settings pages, against the mock Coder:
// signed out from Coder's page (name, logo), signed in from /appearance (banners, support links).
import { configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MockCoder } from "../../mock/coder.ts";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { setSessionHint } from "../api/session-hint.ts";
import { serveCoderPage } from "../testing/coder-page.ts";
import { renderApp } from "../testing/render-app.tsx";

configure({ asyncUtilTimeout: 5000 });
const { mock, server } = setupMockCoder();
const apiRequests: string[] = [];
server.events.on("request:start", ({ request }) => {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith("/api/")) apiRequests.push(`${request.method} ${pathname}`);
});

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
  localStorage.clear();
  apiRequests.length = 0;
  document.title = "";
});

/** An owner brands the deployment over the API, as with curl. */
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

/** This browser signs in (cookie in the jar, hint set), as the sign-in page would. */
async function signInBrowser(email = "member@coder.com") {
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "SomeSecurePassword!" }),
  });
  expect(response.status).toBe(201);
  setSessionHint(true);
  apiRequests.length = 0;
}

const LOGO = "https://cdn.acme.example/logo.svg";

describe("signed out: the name and logo from Coder's page", { timeout: 30_000 }, () => {
  it("names the deployment in the heading and the tab, and shows its logo", async () => {
    serveCoderPage(server, { name: "Acme Cloud Desktops", logo: LOGO });
    renderApp("/login");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Sign in to Acme Cloud Desktops" }),
    ).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Sign in to Acme Cloud Desktops"));
    const logo = screen.getByRole("img", { name: "Acme Cloud Desktops" });
    expect(logo).toHaveAttribute("src", LOGO);
    expect(logo).toHaveAttribute("referrerpolicy", "no-referrer");
    // No /appearance for a visitor without a session: it could only answer 401.
    expect(apiRequests).not.toContain("GET /api/v2/appearance");
  });

  it("reads them from the mock deployment's own pages once an owner has branded it", async () => {
    await brand(mock, { application_name: "Acme Cloud Desktops", logo_url: LOGO });
    renderApp("/login");
    expect(await screen.findByRole("img", { name: "Acme Cloud Desktops" })).toHaveAttribute(
      "src",
      LOGO,
    );
  });

  // Issue 21: "C Coder" in the header, "Sign in to Acme Cloud Desktops" in the heading.
  it("without a logo, the header names the deployment: one name on screen", async () => {
    serveCoderPage(server, { name: "Acme Cloud Desktops" });
    renderApp("/login");
    const banner = screen.getByRole("banner");
    await waitFor(() => expect(banner).toHaveTextContent("Acme Cloud Desktops"));
    expect(banner).not.toHaveTextContent("Coder");
    // The heading says the name only to assistive technology (Coder's "Sign in to <name>").
    const heading = screen.getByRole("heading", { level: 1 });
    expect(heading).toHaveAccessibleName("Sign in to Acme Cloud Desktops");
    const shown = heading.cloneNode(true) as HTMLElement;
    for (const hidden of shown.querySelectorAll(".visually-hidden")) hidden.remove();
    expect(shown.textContent?.trim()).toBe("Sign in");
  });

  it("brands the reset pages too", async () => {
    serveCoderPage(server, { name: "Acme", logo: "/icon/acme.png" });
    renderApp("/reset-password");
    expect(await screen.findByRole("img", { name: "Acme" })).toHaveAttribute(
      "src",
      "/icon/acme.png",
    );
    await waitFor(() => expect(document.title).toBe("Reset your password · Acme"));
  });

  it("shows the name instead of a logo that fails to load", async () => {
    serveCoderPage(server, { name: "Acme", logo: LOGO });
    renderApp("/login");
    fireEvent.error(await screen.findByRole("img", { name: "Acme" }));
    const banner = screen.getByRole("banner");
    expect(within(banner).queryByRole("img")).toBeNull();
    expect(banner).toHaveTextContent("Acme");
  });

  it("shows the name instead of a logo the page may not load (plain http elsewhere, a script)", async () => {
    for (const logo of ["http://cdn.acme.example/logo.png", "javascript:alert(1)"]) {
      serveCoderPage(server, { name: "Acme", logo });
      const view = renderApp("/login");
      await screen.findByRole("heading", { name: "Sign in to Acme" });
      expect(within(screen.getByRole("banner")).queryByRole("img")).toBeNull();
      expect(screen.getByRole("banner")).toHaveTextContent("Acme");
      view.unmount();
      (await import("../api/coder-page.ts")).resetCoderPage();
    }
  });

  it("keeps Coder's name and mark when the page says nothing, without a word in the console", async () => {
    server.use(http.get("/", () => new HttpResponse("upstream down", { status: 502 })));
    const view = renderApp("/login");
    await waitFor(() =>
      expect(view.queryClient.getQueryState(["coderPage"])?.status).toBe("success"),
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Sign in to Coder");
    expect(screen.getByRole("banner")).toHaveTextContent("Coder");
    expect(document.title).toBe("Sign in to Coder");
  });

  it("treats Coder's development placeholders as nothing set", async () => {
    serveCoderPage(server, { name: "{{ .ApplicationName }}", logo: "{{ .LogoURL }}" });
    const view = renderApp("/login");
    await waitFor(() =>
      expect(view.queryClient.getQueryState(["coderPage"])?.status).toBe("success"),
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Sign in to Coder");
    expect(screen.getByRole("banner")).toHaveTextContent(/^Coder$/);
  });

  it("renders a name with markup in it as text", async () => {
    serveCoderPage(server, { name: '<img src=x onerror="alert(1)">' });
    renderApp("/login");
    expect(
      await screen.findByRole("heading", { name: 'Sign in to <img src=x onerror="alert(1)">' }),
    ).toBeInTheDocument();
    expect(document.querySelector("img[src=x]")).toBeNull();
  });
});

const BANNERS = {
  application_name: "Acme",
  logo_url: LOGO,
  announcement_banners: [
    {
      enabled: true,
      background_color: "#004852",
      message: "**Maintenance** Sunday. See [status](https://status.acme.example) <b>now</b>",
    },
    { enabled: true, background_color: "#fde047", message: "Click [here](javascript:alert(1))" },
    { enabled: false, background_color: "#ff0000", message: "Switched off" },
    { enabled: true, background_color: "#ffffff", message: "   " },
  ],
};

describe("signed in: the deployment's appearance", { timeout: 30_000 }, () => {
  it("shows enabled banners in their colour, with readable text and only safe links", async () => {
    await brand(mock, BANNERS);
    await signInBrowser();
    renderApp("/settings/security");
    const region = await screen.findByRole("region", { name: "Announcements" });
    const banners = [...region.children] as HTMLElement[];
    expect(banners).toHaveLength(2);

    const [dark, light] = banners as [HTMLElement, HTMLElement];
    expect(dark.style.backgroundColor).toBe("rgb(0, 72, 82)");
    expect(dark).toHaveClass("text-white");
    expect(within(dark).getByText("Maintenance").tagName).toBe("STRONG");
    const status = within(dark).getByRole("link", { name: /^status ?\(opens in a new tab\)$/ });
    expect(status).toHaveAttribute("href", "https://status.acme.example/");
    expect(status).toHaveAttribute("rel", "noreferrer noopener");
    // Markup is text.
    expect(dark).toHaveTextContent("<b>now</b>");
    expect(dark.querySelector("b")).toBeNull();

    expect(light).toHaveClass("text-black");
    expect(within(light).queryByRole("link")).toBeNull();
    expect(light).toHaveTextContent("Click here");
  });

  it("names the deployment in the tab and shows its logo and support links", async () => {
    await brand(mock, BANNERS);
    await signInBrowser();
    renderApp("/settings/security");
    const logo = await screen.findByRole("img", { name: "Acme" });
    await waitFor(() => expect(document.title).toBe("Security · Acme"));
    expect(logo.closest("a")).toHaveAttribute("href", "/");
    const support = screen.getByRole("navigation", { name: "Support" });
    expect(within(support).getByRole("link", { name: /^Documentation/ })).toHaveAttribute(
      "href",
      expect.stringMatching(/^https:\/\/coder\.com\/docs/),
    );
    expect(within(support).getAllByRole("link")).toHaveLength(4);
  });

  it("shows banners on the reset pages to a visitor with a session", async () => {
    await brand(mock, BANNERS);
    await signInBrowser();
    renderApp("/reset-password");
    const region = await screen.findByRole("region", { name: "Announcements" });
    expect(region).toHaveTextContent("Maintenance Sunday.");
  });

  // "unlicensed": Coder's defaults as the answer; "agpl": no such route at all (404).
  it.each(["unlicensed", "agpl"] as const)(
    "falls back to Coder's defaults silently (%s)",
    async (mode) => {
      await brand(mock, BANNERS);
      mock.config.appearance = mode;
      await signInBrowser();
      const view = renderApp("/settings/security");
      await waitFor(() =>
        expect(view.queryClient.getQueryState(["appearance"])?.status).toBe("success"),
      );
      await screen.findByRole("heading", { level: 1, name: "Security" });
      expect(document.title).toBe("Security · Coder");
      expect(screen.queryByRole("region", { name: "Announcements" })).toBeNull();
      expect(screen.getByRole("banner")).toHaveTextContent("Coder");
    },
  );
});
