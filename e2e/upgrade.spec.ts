// A new build deployed while a page is open: every file of the old build is gone (404), and the
// new build's files have new names, as when dist/ is replaced. The open page must still sign in:
// it notices that its code is gone (not the connection), reloads once from the new build and
// keeps what was typed, never a password.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page, Route } from "@playwright/test";
import { APP_PAGES } from "../src/app/owned-routes.ts";
import { accounts, expect, expectDashboard, PASSWORD, test, waitForApp } from "./fixtures.ts";

const DIST = path.join(import.meta.dirname, "..", "dist", "auth-ui");

/**
 * From now on the server answers as if a new build had been deployed: the old build's scripts
 * are 404, and pages and scripts name the new build's (the same code under new names).
 * `broken`: names of new-build files that are missing too (a deployment gone wrong).
 */
async function deployNewBuild(page: Page, broken: RegExp[] = []) {
  const old = (await readdir(DIST)).filter((name) => name.endsWith(".js"));
  const renamed = (name: string) => name.replace(/\.js$/, "-next.js");
  const rename = (text: string) =>
    old.reduce((out, name) => out.replaceAll(name, renamed(name)), text);
  const served: string[] = [];

  await page.route(/\/auth-ui\/[^/?]+\.js(\?.*)?$/, async (route: Route) => {
    const url = new URL(route.request().url());
    const name = url.pathname.slice("/auth-ui/".length);
    const original = old.find((candidate) => renamed(candidate) === name);
    if (!original || broken.some((pattern) => pattern.test(name))) {
      // An old build's file (or one the new build lacks): gone.
      await route.fulfill({ status: 404, contentType: "text/plain", body: "Not found\n" });
      return;
    }
    served.push(name);
    const response = await route.fetch({ url: `${url.origin}/auth-ui/${original}` });
    await route.fulfill({
      response,
      body: rename(await response.text()),
      headers: { ...response.headers(), "content-encoding": "identity" },
    });
  });
  await page.route(
    (url) => (APP_PAGES as readonly string[]).includes(url.pathname),
    async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch();
      await route.fulfill({
        response,
        body: rename(await response.text()),
        headers: { ...response.headers(), "content-encoding": "identity" },
      });
    },
  );
  return served;
}

/** Resolves at the next page load of the tab (a reload). */
function nextLoad(page: Page) {
  return page.waitForEvent("load");
}

test("a sign-in page loaded before an upgrade signs in after it, keeping the address", async ({
  page,
}) => {
  await page.goto("/login");
  await waitForApp(page);
  const served = await deployNewBuild(page);

  // The first use of the form asks for its code, which the new build no longer has.
  const reloaded = nextLoad(page);
  await page.getByLabel("Email").fill(accounts.member);
  await reloaded;
  await waitForApp(page);
  expect(
    served.some((name) => /^main-/.test(name)),
    "the new build's code ran",
  ).toBe(true);

  // What was typed (not a secret) is back, and where it was typed.
  await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expectDashboard(page);
  await expect(page.getByText("Check your connection")).toHaveCount(0);
});

test("a move to another page after an upgrade arrives on the new build's page", async ({
  page,
}) => {
  await page.goto("/login");
  await waitForApp(page);
  await deployNewBuild(page);
  const reloaded = nextLoad(page);
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await reloaded;
  await expect(page).toHaveURL(/\/reset-password(\?|$)/);
  await waitForApp(page);
  await expect(page.getByRole("button", { name: "Email me a code" })).toBeVisible();
});

test("no reload loop: when the new build lacks the form too, the page says what happened", async ({
  page,
}) => {
  await page.goto("/login");
  await waitForApp(page);
  await deployNewBuild(page, [/^LoginForm-/]);
  const reloaded = nextLoad(page);
  await page.getByLabel("Email").fill(accounts.member);
  await reloaded;
  await waitForApp(page);
  await expect(page.getByLabel("Email")).toHaveValue(accounts.member);

  // Its form code is missing again: no second reload, but words and a way on.
  let loads = 0;
  page.on("load", () => loads++);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await expect(page.getByRole("alert")).toContainText(
    "A new version of this site was deployed. Reload the page to continue.",
  );
  await expect(page.getByRole("button", { name: "Reload page" })).toBeVisible();
  expect(loads).toBe(0);
  await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
});

test("the version: on the sign-in page for anyone, in /auth-ui/version.json for an operator", async ({
  page,
  request,
}) => {
  const { version } = JSON.parse(
    await readFile(path.join(import.meta.dirname, "..", "package.json"), "utf8"),
  ) as { version: string };
  const answer = await request.get("/auth-ui/version.json");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["cache-control"]).toBe("no-cache");
  const info = (await answer.json()) as { version: string; commit: unknown; built_at: string };
  expect(info.version).toBe(version);
  expect(info.commit === null || /^[0-9a-f]{7,40}$/.test(String(info.commit))).toBe(true);
  expect(Number.isNaN(Date.parse(info.built_at))).toBe(false);

  await page.goto("/login");
  await expect(page.getByRole("contentinfo")).toContainText(`Sign-in pages ${version}`);
  await expect(page.getByRole("contentinfo")).toContainText("Coder v2.30.0-mock");
  await expect(page.locator('meta[name="generator"]')).toHaveAttribute(
    "content",
    `coder-auth-ui ${version}`,
  );
});
