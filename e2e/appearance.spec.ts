// A branded deployment: the name and logo on the signed-out pages (from Coder's page, as Coder's
// page handler renders it for a signed-out visitor), and the banners and support links once
// signed in (an owner brands the mock deployment with PUT /api/v2/appearance). Light and dark,
// narrow and wide, axe clean, no layout shift, nothing the strict policy has to block.
import type { APIRequestContext, Page } from "@playwright/test";
import {
  accounts,
  expect,
  expectNoAxeViolations,
  PASSWORD,
  signIn,
  test,
  watchLayoutShifts,
} from "./fixtures.ts";

const LOGO = "https://cdn.acme.example/brand/logo.svg";
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="48" viewBox="0 0 200 48"><rect width="48" height="48" rx="10" fill="#0f766e"/><text x="58" y="33" font-family="sans-serif" font-size="26" font-weight="700" fill="#0f766e">Acme</text></svg>`;

/** Coder's index.html as its page handler renders it for a signed-out visitor. */
const coderPage = (name: string, logo: string) => `<!doctype html>
<head>
  <meta charset="utf-8" />
  <title>${name}</title>
  <meta name="application-name" content="${name}" />
  <meta property="csrf-token" content="dG9rZW4=" />
  <meta property="logo-url" content="${logo}" />
</head>
<body><div id="root"></div></body>`;

/**
 * Stands in for Coder's page handler at `/` (the app reads the name and logo from it), answering
 * after `delayMs` so the prerendered page has long painted by then; and for the logo's host.
 */
async function brandSignedOut(
  page: Page,
  { name = "Acme Cloud Desktops", logo = LOGO, delayMs = 0 } = {},
) {
  await page.route(
    (url) => url.pathname === "/" && url.hostname === "localhost",
    async (route) => {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await route.fulfill({ contentType: "text/html; charset=utf-8", body: coderPage(name, logo) });
    },
  );
  await page.route(LOGO, (route) =>
    route.fulfill({ contentType: "image/svg+xml", body: LOGO_SVG }),
  );
}

/** An owner brands the deployment (header auth, as with curl). */
async function brandDeployment(request: APIRequestContext, body: unknown) {
  const login = await request.post("/api/v2/users/login", {
    data: { email: accounts.admin, password: PASSWORD },
  });
  expect(login.status()).toBe(201);
  const { session_token } = (await login.json()) as { session_token: string };
  const put = await request.put("/api/v2/appearance", {
    headers: { "Coder-Session-Token": session_token },
    data: body,
  });
  expect(put.status()).toBe(200);
}

/** Every CSP violation and every layout shift (not caused by input) from the first byte on. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      w.__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    cls: await watchLayoutShifts(page),
  };
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

/** Both themes and both extremes of width, in two runs rather than four. */
const VIEWS = [
  { scheme: "light", width: 1280 },
  { scheme: "dark", width: 320 },
] as const;

test.describe("signed out: the deployment's name and logo", () => {
  for (const { scheme, width } of VIEWS) {
    test(`/login and /reset-password, ${scheme}, ${width} px: branded without a layout shift`, async ({
      page,
    }) => {
      test.slow(); // two pages, each with axe
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      const seen = await watch(page);
      await brandSignedOut(page, { delayMs: 400 });
      await page.goto("/login");
      // The prerendered page paints with Coder's defaults…
      await expect(page.getByRole("banner")).toHaveText("Coder");
      // …and the deployment's branding replaces them in place.
      await expect(page).toHaveTitle("Sign in to Acme Cloud Desktops");
      const logo = page.getByRole("img", { name: "Acme Cloud Desktops" });
      await expect(logo).toBeVisible();
      expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await page.waitForLoadState("networkidle");
      expect(await seen.cls()).toBe(0);
      expect(await seen.csp()).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);

      await page.goto("/reset-password");
      await expect(page.getByRole("img", { name: "Acme Cloud Desktops" })).toBeVisible();
      await expect(page).toHaveTitle("Reset your password · Acme Cloud Desktops");
      await page.waitForLoadState("networkidle");
      expect(await seen.cls()).toBe(0);
      expect(await seen.csp()).toEqual([]);
    });
  }

  test("a logo that fails to load gives way to the name", async ({ page }) => {
    const seen = await watch(page);
    await brandSignedOut(page, { name: "Acme", logo: "https://cdn.acme.example/missing.svg" });
    await page.route("https://cdn.acme.example/missing.svg", (route) =>
      route.fulfill({ status: 404, body: "" }),
    );
    await page.goto("/login");
    await expect(page).toHaveTitle("Sign in to Acme");
    await expect(page.getByRole("banner")).toHaveText("Acme");
    await expect(page.getByRole("banner").getByRole("img")).toHaveCount(0);
    expect(await seen.csp()).toEqual([]);
    await expectNoAxeViolations(page);
  });

  test("a logo the policy would block is never requested: the name instead, no violation", async ({
    page,
  }) => {
    const seen = await watch(page);
    const requested: string[] = [];
    page.on("request", (r) => r.url().includes("cdn.acme.example") && requested.push(r.url()));
    await brandSignedOut(page, { name: "Acme", logo: "http://cdn.acme.example/logo.png" });
    await page.goto("/login");
    await expect(page.getByRole("banner")).toHaveText("Acme");
    await page.waitForLoadState("networkidle");
    expect(requested).toEqual([]);
    expect(await seen.csp()).toEqual([]);
  });

  test("an unbranded deployment: Coder's defaults, quietly", async ({ page }) => {
    const seen = await watch(page);
    await page.goto("/login");
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Coder");
    await expect(page.getByRole("banner")).toHaveText("Coder");
    expect(await seen.cls()).toBe(0);
    expect(await seen.csp()).toEqual([]);
  });

  test("an owner brands the mock deployment: its own pages name it to signed-out visitors", async ({
    page,
    request,
  }) => {
    await brandDeployment(request, { application_name: "Acme Cloud Desktops", logo_url: LOGO });
    await page.route(LOGO, (route) =>
      route.fulfill({ contentType: "image/svg+xml", body: LOGO_SVG }),
    );
    await page.goto("/reset-password");
    await expect(page.getByRole("img", { name: "Acme Cloud Desktops" })).toBeVisible();
    await expect(page).toHaveTitle("Reset your password · Acme Cloud Desktops");
  });
});

const BRANDING = {
  application_name: "Acme Cloud Desktops",
  logo_url: LOGO,
  announcement_banners: [
    {
      enabled: true,
      background_color: "#004852",
      message:
        "**Maintenance** on Sunday, 02:00 UTC. See [the status page](https://status.acme.example/).",
    },
    { enabled: true, background_color: "#facc15", message: "New `coder` CLI: update today" },
    { enabled: false, background_color: "#ff0000", message: "Not shown" },
  ],
};

test.describe("signed in: a deployment an owner branded", () => {
  for (const { scheme, width } of VIEWS) {
    test(`/settings/security, ${scheme}, ${width} px: banners, logo and support links`, async ({
      page,
      request,
    }) => {
      test.slow(); // a sign-in (the mock hashes as Coder does) and axe
      await brandDeployment(request, BRANDING);
      await page.route(LOGO, (route) =>
        route.fulfill({ contentType: "image/svg+xml", body: LOGO_SVG }),
      );
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      const seen = await watch(page);
      await signIn(page, accounts.member);
      await page.goto("/settings/security");
      await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
      await expect(page).toHaveTitle("Security · Acme Cloud Desktops");
      await expect(page.getByRole("img", { name: "Acme Cloud Desktops" })).toBeVisible();

      const region = page.getByRole("region", { name: "Announcements" });
      const banners = region.locator(".announcement");
      await expect(banners).toHaveCount(2);
      await expect(banners.nth(0)).toContainText("Maintenance on Sunday, 02:00 UTC.");
      await expect(banners.nth(0).locator("strong")).toHaveText("Maintenance");
      await expect(
        banners.nth(0).getByRole("link", { name: "the status page (opens in a new tab)" }),
      ).toHaveAttribute("href", "https://status.acme.example/");
      for (const i of [0, 1]) {
        const [color, background] = await banners
          .nth(i)
          .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
        expect(contrast(color as string, background as string)).toBeGreaterThanOrEqual(4.5);
      }
      expect(await banners.nth(0).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        "rgb(0, 72, 82)",
      );

      const support = page.getByRole("navigation", { name: "Support" });
      await expect(support.getByRole("link")).toHaveCount(4);
      await expect(support.getByRole("link", { name: /^Documentation/ })).toHaveAttribute(
        "target",
        "_blank",
      );

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.waitForLoadState("networkidle");
      expect(await seen.csp()).toEqual([]);
      await expectNoAxeViolations(page);
    });
  }

  test("keyboard only: the banner's link, the logo, then the page", async ({ page, request }) => {
    await brandDeployment(request, BRANDING);
    await page.route(LOGO, (route) =>
      route.fulfill({ contentType: "image/svg+xml", body: LOGO_SVG }),
    );
    await signIn(page, accounts.member);
    await page.goto("/settings/security");
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: /the status page/ })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Acme Cloud Desktops" })).toBeFocused();
  });
});
