// What axe can't see, measured in a real browser: focus targets, what a wait looks like, where
// focus rings and error borders go, spacing, narrow screens, line breaks in addresses, the header's
// "you are here", the pages without JavaScript, and the mock's own pages.
import type { Locator, Page } from "@playwright/test";
import { accounts, expect, expectNoAxeViolations, PASSWORD, test } from "./fixtures.ts";

const NEW_PASSWORD = "Correct-Horse-Battery-Staple-42";

async function appReady(page: Page) {
  await page.waitForFunction(() => document.querySelector("[data-prerendered]") === null);
}

// --- colour ----------------------------------------------------------------------------------

type Rgb = [number, number, number];

function parseColor(css: string): { rgb: Rgb; alpha: number } {
  const match = /rgba?\(([^)]+)\)/.exec(css);
  if (!match?.[1]) throw new Error(`unexpected colour ${css}`);
  const parts = match[1]
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  return { rgb: [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0], alpha: parts[3] ?? 1 };
}

const mix = (top: Rgb, alpha: number, bottom: Rgb): Rgb =>
  top.map((c, i) => c * alpha + (bottom[i] ?? 0) * (1 - alpha)) as Rgb;

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The contrast of an element's text as painted: its colours, its opacity, over what is behind. */
async function paintedContrast(element: Locator): Promise<number> {
  const styles = await element.evaluate((el) => {
    const own = getComputedStyle(el);
    let behind = "rgb(255, 255, 255)";
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") {
        behind = bg;
        break;
      }
    }
    return { color: own.color, background: own.backgroundColor, opacity: own.opacity, behind };
  });
  const behind = parseColor(styles.behind).rgb;
  const bg = parseColor(styles.background);
  const fg = parseColor(styles.color);
  const opacity = Number(styles.opacity);
  const ownBackground = mix(bg.rgb, bg.alpha, behind);
  const paintedBackground = mix(ownBackground, opacity, behind);
  const paintedText = mix(mix(fg.rgb, fg.alpha, ownBackground), opacity, behind);
  return contrast(paintedText, paintedBackground);
}

// --- geometry --------------------------------------------------------------------------------

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const contains = (outer: Box, inner: Box) =>
  outer.x <= inner.x + 0.5 &&
  outer.y <= inner.y + 0.5 &&
  outer.x + outer.width >= inner.x + inner.width - 0.5 &&
  outer.y + outer.height >= inner.y + inner.height - 0.5;

/**
 * The box of the element that draws a focused input's ring (an outline or a box-shadow), looking
 * from the input up to its field.
 */
async function focusRingBox(input: Locator): Promise<Box | null> {
  return input.evaluate((el) => {
    for (
      let node: Element | null = el;
      node && !node.matches(".field");
      node = node.parentElement
    ) {
      const style = getComputedStyle(node);
      const outlined = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
      if (outlined || style.boxShadow !== "none") {
        const { x, y, width, height } = node.getBoundingClientRect();
        return { x, y, width, height };
      }
    }
    return null;
  });
}

/** The box of the element that draws the error border (the error text's colour) around an input. */
async function errorBorderBox(input: Locator, errorColor: string): Promise<Box | null> {
  return input.evaluate((el, color) => {
    for (
      let node: Element | null = el;
      node && !node.matches(".field");
      node = node.parentElement
    ) {
      if (getComputedStyle(node).borderTopColor === color) {
        const { x, y, width, height } = node.getBoundingClientRect();
        return { x, y, width, height };
      }
    }
    return null;
  }, errorColor);
}

/** How many lines an element's text takes (its icons aside). */
async function lineCount(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const tops: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((node.textContent ?? "").trim() === "") continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects()))
        if (rect.width > 0 && rect.height > 0) tops.push(rect.top);
    }
    // Rects of one line differ by a pixel or two (fonts, baselines): count by line height.
    tops.sort((a, b) => a - b);
    let lines = 0;
    let last = Number.NEGATIVE_INFINITY;
    for (const top of tops) {
      if (top - last > 8) lines++;
      last = top;
    }
    return lines;
  });
}

/** Signs in through the form and lands on `path` (a page of this app). */
async function signInTo(page: Page, email: string, path: string) {
  await page.goto(`/login?redirect=${encodeURIComponent(path)}`);
  await appReady(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: 15_000 });
  // A navigation is a transition: the sign-in page stays until the next one is ready.
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Coder" })).toHaveCount(0, {
    timeout: 20_000,
  });
  await page.waitForLoadState("networkidle");
}

// --- tests -----------------------------------------------------------------------------------

test.describe("focus goes where the next step is", () => {
  test("the emailed link opens on the new password", async ({ page, mock }) => {
    await page.request.post("/api/v2/users/otp/request", { data: { email: accounts.member } });
    const mail = (await mock.mail()).at(-1);
    await page.goto(mail?.link ?? "");
    await appReady(page);
    await expect(page.getByLabel("New password", { exact: true })).toBeFocused();
  });

  test("after a reset, sign-in starts at the password with the address filled in", async ({
    page,
    mock,
  }) => {
    await page.request.post("/api/v2/users/otp/request", { data: { email: accounts.member } });
    const mail = (await mock.mail()).at(-1);
    await page.goto(mail?.link ?? "");
    await appReady(page);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/login\?message=password-changed$/);
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
    await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  });

  // Issue 21: it started at the heading, whose ring looked like a field's, one Tab from Email.
  test("'Forgot password?' puts the cursor in Email, with the typed address", async ({ page }) => {
    await page.goto("/login");
    await appReady(page);
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Reset your password" }),
    ).toBeVisible();
    await expect(page.getByLabel("Email")).toBeFocused();
    await expect(page.getByLabel("Email")).toHaveValue(accounts.member);
  });
});

test.describe("a wait is not loading", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`a rate-limited button has no spinner and readable text (${colorScheme})`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme });
      await page.route("**/api/v2/users/login", (route) =>
        route.fulfill({
          status: 429,
          headers: { "Retry-After": "30", "content-type": "application/json" },
          body: JSON.stringify({ message: "You've been rate limited." }),
        }),
      );
      await page.goto("/login");
      await appReady(page);
      await page.getByLabel("Email").fill(accounts.member);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      const submit = page.locator('form button[type="submit"]');
      await expect(submit).toHaveAttribute("aria-disabled", "true");
      await expect(submit.locator(".spinner")).toHaveCount(0);
      expect(await paintedContrast(submit)).toBeGreaterThanOrEqual(4.5);
    });
  }
});

test.describe("a field with a Show button is one control", () => {
  test("the focus ring goes around the field and its button", async ({ page }) => {
    await page.goto("/login");
    await appReady(page);
    // The ring is measured on the real form: the first use brings its code, and the stand-in's
    // fields are swapped for the form's (a Tab pressed across that swap is the swap's test, in
    // DeferredForm.test.tsx and loading.spec.ts, not this one's). A mark on the stand-in's field
    // tells when it is gone.
    const email = page.locator('main input[name="email"]');
    await email.evaluate((el) => Object.assign(el, { standIn: true }));
    await email.click();
    await page.waitForFunction(
      () =>
        !(document.querySelector('main input[name="email"]') as { standIn?: boolean } | null)
          ?.standIn,
    );
    // By keyboard, so the browser shows its focus ring.
    await email.focus();
    await page.keyboard.press("Tab");
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toBeFocused();
    const ring = await focusRingBox(password);
    const button = await page.getByRole("button", { name: "Show password" }).boundingBox();
    expect(ring).not.toBeNull();
    expect(button).not.toBeNull();
    expect(contains(ring as Box, button as Box)).toBe(true);
  });

  test("the error border goes around the field and its button", async ({ page }) => {
    await page.goto("/login");
    await appReady(page);
    await page.getByLabel("Email").fill(accounts.member);
    await page.getByRole("button", { name: "Sign in" }).click();
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAttribute("aria-invalid", "true");
    const errorColor = await page
      .getByText("Enter your password.")
      .evaluate((el) => getComputedStyle(el).color);
    const border = await errorBorderBox(password, errorColor);
    const button = await page.getByRole("button", { name: "Show password" }).boundingBox();
    expect(border).not.toBeNull();
    expect(contains(border as Box, button as Box)).toBe(true);
  });
});

test.describe("spacing", () => {
  for (const path of ["/login", "/reset-password"]) {
    test(`${path}: the heading stands apart from what follows`, async ({ page }) => {
      await page.goto(path);
      await appReady(page);
      const gap = await page.getByRole("heading", { level: 1 }).evaluate((h1) => {
        const next = h1.nextElementSibling as HTMLElement | null;
        const target = next?.querySelector("label, p, input") ?? next;
        if (!target) return -1;
        return target.getBoundingClientRect().top - h1.getBoundingClientRect().bottom;
      });
      expect(gap).toBeGreaterThanOrEqual(16);
    });
  }

  test("a card ending in an alert has no extra space under it", async ({ page, mock }) => {
    await mock.setConfig({ passwordAuth: false });
    await page.goto("/reset-password");
    await appReady(page);
    await expect(page.getByText(/Password sign-in is turned off/)).toBeVisible();
    const extra = await page.locator("main.card").evaluate((card) => {
      const last = card.lastElementChild as HTMLElement;
      const style = getComputedStyle(card);
      const inner =
        card.getBoundingClientRect().bottom -
        Number.parseFloat(style.paddingBottom) -
        Number.parseFloat(style.borderBottomWidth);
      return inner - last.getBoundingClientRect().bottom;
    });
    expect(extra).toBeLessThanOrEqual(1);
  });
});

test("links that stand alone are a finger's size to tap", async ({ page }) => {
  const sizes = async () =>
    page
      .locator(".forgot-password a, .footer-links a, .support-list a")
      .evaluateAll((links) =>
        links.map((link) => [link.textContent, link.getBoundingClientRect().height] as const),
      );
  const seen: Array<readonly [string | null, number]> = [];
  for (const path of ["/login", "/reset-password"]) {
    await page.goto(path);
    await appReady(page);
    seen.push(...(await sizes()));
  }
  await signInTo(page, accounts.member, "/settings/security");
  await expect(page.getByRole("navigation", { name: "Support" })).toBeVisible();
  seen.push(...(await sizes()));
  // Forgot password?, Back to sign in, I already have a code, and the support links at least.
  expect(seen.length).toBeGreaterThanOrEqual(4);
  for (const [text, height] of seen) expect(height, String(text)).toBeGreaterThanOrEqual(44);
});

test.describe("at 320 px", () => {
  test.use({ viewport: { width: 320, height: 720 } });

  test("sign-in buttons keep their labels on one line", async ({ page }) => {
    await page.goto("/login");
    await appReady(page);
    await expect(page.getByRole("link", { name: "Sign in with OpenID Connect" })).toBeVisible();
    for (const button of await page.locator("main .button").all())
      expect(await lineCount(button), await button.innerText()).toBe(1);
  });

  test("security settings and the dialog fit, focus rings included", async ({ page }) => {
    test.setTimeout(60_000);
    await signInTo(page, accounts.member, "/settings/security");
    const open = page.getByRole("button", { name: "Switch to OpenID Connect" });
    await expect(open).toBeVisible();
    for (const button of await page.locator("main .section .button").all())
      expect(await lineCount(button), await button.innerText()).toBe(1);
    await open.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Current password")).toBeFocused();
    await page.keyboard.press("Tab"); // Show
    await page.keyboard.press("Tab"); // Switch
    await page.keyboard.press("Tab"); // Cancel
    const cancel = dialog.getByRole("button", { name: "Cancel" });
    await expect(cancel).toBeFocused();
    const fits = await cancel.evaluate((button) => {
      const box = button.getBoundingClientRect();
      const style = getComputedStyle(button);
      const ring = Number.parseFloat(style.outlineWidth) + Number.parseFloat(style.outlineOffset);
      const dialogEl = button.closest("dialog") as HTMLElement;
      const frame = dialogEl.getBoundingClientRect();
      const horizontalOverflow = dialogEl.scrollWidth > dialogEl.clientWidth;
      return (
        !horizontalOverflow &&
        box.left - ring >= frame.left &&
        box.right + ring <= frame.right &&
        box.top - ring >= frame.top
      );
    });
    expect(fits).toBe(true);
    for (const button of await dialog.locator(".button").all())
      expect(await lineCount(button), await button.innerText()).toBe(1);
  });

  test("the signed-in header takes two rows: brand and account, then the navigation", async ({
    page,
  }) => {
    await signInTo(page, accounts.templateAdmin, "/settings/security");
    const header = page.locator(".app-header");
    const brand = await header.locator(".brand").boundingBox();
    const signOut = await header.getByRole("button", { name: "Sign out" }).boundingBox();
    const nav = await header.getByRole("navigation").boundingBox();
    if (!brand || !signOut || !nav) throw new Error("header parts missing");
    // Sign out on the brand's row, the navigation under both.
    expect(signOut.y).toBeLessThan(brand.y + brand.height);
    expect(nav.y).toBeGreaterThanOrEqual(
      Math.max(brand.y + brand.height, signOut.y + signOut.height),
    );
    expect(signOut.x + signOut.width).toBeLessThanOrEqual(320);
    // Cut short on screen, whole for a screen reader.
    await expect(header).toContainText(`Signed in as ${accounts.templateAdmin}`);
  });

  test("a long address breaks after the @ or before a dot, not mid-word", async ({ page }) => {
    const email = "firstname.lastname@engineering.department.example.com";
    await page.goto("/reset-password");
    await appReady(page);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a code" }).click();
    const shown = page.getByRole("status").locator("strong");
    await expect(shown).toHaveText(email);
    const breaks = await shown.evaluate((el) => {
      // Where each line starts, as an index into the text.
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const starts: number[] = [];
      let offset = 0;
      let lastTop: number | undefined;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          if (lastTop !== undefined && top > lastTop) starts.push(offset + i);
          lastTop = top;
        }
        offset += text.length;
      }
      return starts;
    });
    expect(breaks.length).toBeGreaterThan(0);
    for (const at of breaks) expect(email[at - 1] === "@" || email[at] === ".", `${at}`).toBe(true);
  });
});

test("the header shows where you are", async ({ page }) => {
  test.setTimeout(60_000);
  await signInTo(page, accounts.member, "/settings/security");
  const nav = page.getByRole("navigation", { name: "Main" });
  const current = nav.getByRole("link", { name: "Security" });
  await expect(current).toHaveAttribute("aria-current", "page");
  const marks = await current.evaluate((link) => {
    const style = getComputedStyle(link);
    const header = getComputedStyle(link.closest("header") as HTMLElement);
    return {
      background:
        style.backgroundColor !== header.backgroundColor &&
        style.backgroundColor !== "rgba(0, 0, 0, 0)",
      underline: style.boxShadow !== "none" || style.borderBottomStyle !== "none",
      decoration: style.textDecorationLine,
    };
  });
  expect(marks.background || marks.underline).toBe(true);
  // Navigation, not prose: the links are not underlined like body text.
  expect(marks.decoration).toBe("none");
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("each page says what needs JavaScript, in its own words", async ({ page }) => {
    await page.goto("/reset-password");
    await expect(page.locator(".noscript")).toHaveText(/^Resetting your password needs JavaScript/);
    await page.goto(
      "/reset-password/change?otp=3f1c2a9e-5b7d-4e2f-9a1b-6c8d0e2f4a6b&email=member%40coder.com",
    );
    await expect(page.locator(".noscript")).toHaveText(/^Choosing a new password needs JavaScript/);
    // No placeholder where the account would be.
    await expect(page.getByRole("main")).not.toContainText("\u2026");
    await expect(page.getByRole("main")).toContainText("For the account in the emailed link.");
    await page.goto("/login");
    await expect(page.locator(".noscript")).toHaveText(/^Signing in needs JavaScript/);
  });

  // Issue 21: the line sat far below the card, and the card offered a Show button that could
  // not work.
  test("the line sits in the card, under the heading, and no Show button is offered", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/login");
    const line = page.getByRole("main").locator(".noscript");
    await expect(line).toHaveText(/^Signing in needs JavaScript/);
    const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
    const box = await line.boundingBox();
    expect((box?.y ?? 0) - ((heading?.y ?? 0) + (heading?.height ?? 0))).toBeLessThan(40);
    await expect(page.getByRole("button", { name: "Show password" })).toBeHidden();
    await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  });
});

test.describe("the mock's own pages have the app's look", () => {
  const pages = [
    "/__mock/mailbox",
    "/__mock/idp/oidc?state=x&redirect_uri=%2Fapi%2Fv2%2Fusers%2Foidc%2Fcallback",
    "/__mock/github/login/device",
  ];
  for (const colorScheme of ["light", "dark"] as const) {
    for (const path of pages) {
      test(`${path.split("?")[0]} (${colorScheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await page.goto(path);
        const look = await page.evaluate(() => {
          const body = getComputedStyle(document.body);
          const main = getComputedStyle(document.querySelector("main") as HTMLElement);
          return {
            font: body.fontFamily,
            background: body.backgroundColor,
            color: body.color,
            card: main.borderTopStyle,
          };
        });
        expect(look.font).toContain("system-ui");
        expect(look.card).toBe("solid");
        const background = parseColor(look.background).rgb;
        const text = parseColor(look.color).rgb;
        // Dark mode is dark, light mode is light, and the text reads on either.
        if (colorScheme === "dark") expect(luminance(background)).toBeLessThan(0.1);
        else expect(luminance(background)).toBeGreaterThan(0.8);
        expect(contrast(background, text)).toBeGreaterThanOrEqual(7);
      });
    }
  }
});
