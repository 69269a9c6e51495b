import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Alert } from "../components/Alert.tsx";
import { enableStaticPage } from "./static-page-controls.ts";

/** A prerendered page's root holding `html`, in the document. */
function staticPage(html: string) {
  const root = document.createElement("div");
  root.id = "root";
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = "";
  localStorage.clear();
  window.history.replaceState(null, "", "/");
});

describe("the sign-in page's message before the app starts", () => {
  const pageWithNotice = (search: string) => {
    window.history.replaceState(null, "", `/login${search}`);
    const root = staticPage(
      '<main class="card"><h1>Sign in</h1><template data-notice-slot=""></template><form></form></main>',
    );
    enableStaticPage(root);
    return root.querySelector("main") as HTMLElement;
  };

  it("is the app's own notice, in our words, where the page marks it", () => {
    const cases = [
      [
        "?message=password-changed",
        "success",
        "Your password has been changed. Sign in with your new password.",
      ],
      [
        `?${new URLSearchParams({ message: "You are signed out or your session has expired. Please sign in again to continue.", redirect: "/workspaces" })}`,
        "info",
        "Your session has ended. Sign in again to continue.",
      ],
      [
        "?message=sso-failed-401",
        "error",
        "Coder didn't accept this sign-in. Most often the account isn't in a GitHub organization or team this deployment allows: ask your administrator for access. If the sign-in was started in another tab or took a long time, start again from the sign-in page.",
      ],
    ] as const;
    for (const [search, tone, text] of cases) {
      const card = pageWithNotice(search);
      const { container, unmount } = render(
        <Alert tone={tone}>
          <p>{text}</p>
        </Alert>,
      );
      expect(card.innerHTML, search).toBe(`<h1>Sign in</h1>${container.innerHTML}<form></form>`);
      unmount();
      document.body.innerHTML = "";
    }
  });

  it("says nothing for a message it does not know, nor shows what the link wrote", () => {
    for (const search of ["", "?message=", "?message=<b>Call+us+now</b>", "?message=toString"]) {
      const card = pageWithNotice(search);
      expect(card.querySelector(".alert"), search).toBeNull();
      expect(card.textContent, search).toBe("Sign in");
      document.body.innerHTML = "";
    }
  });
});

describe("'Forgot password?' before the app starts", () => {
  function clickForgot(email: string) {
    const root = staticPage(
      '<form><input name="email" type="email"><p><a href="/reset-password">Forgot password?</a></p></form>',
    );
    enableStaticPage(root);
    (root.querySelector("input") as HTMLInputElement).value = email;
    const link = root.querySelector("a") as HTMLAnchorElement;
    let followed = "";
    // Where the browser would go (jsdom doesn't navigate).
    document.addEventListener(
      "click",
      (event) => {
        event.preventDefault();
        followed = link.getAttribute("href") ?? "";
      },
      { once: true },
    );
    link.click();
    return followed;
  }

  it("takes the typed address along", () => {
    expect(clickForgot(" member+x@coder.com ")).toBe(
      "/reset-password?email=member%2Bx%40coder.com",
    );
  });

  it("goes plainly when nothing is typed", () => {
    expect(clickForgot("  ")).toBe("/reset-password");
  });
});

describe("a submit before the app starts", () => {
  it("is kept for the app and shown as sent", () => {
    const root = staticPage(
      '<form><input name="email"><button type="submit" class="button primary" disabled data-pending-label="Signing in…">Sign in</button></form>',
    );
    enableStaticPage(root);
    const button = root.querySelector("button") as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    button.click();
    expect(root.querySelector("form")?.hasAttribute("data-submit-asked")).toBe(true);
    expect(button.textContent).toBe("Signing in…");
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(button.querySelector(".spinner")?.getAttribute("aria-hidden")).toBe("true");
  });

  it("never goes to the static server, and a second press changes nothing", () => {
    const root = staticPage(
      '<form><input name="password" type="password"><button type="submit" disabled data-pending-label="Signing in…">Sign in</button></form>',
    );
    enableStaticPage(root);
    const sent: boolean[] = [];
    // Whether the browser would post the form (password and all) once the event is done.
    const watch = (event: Event) => sent.push(!event.defaultPrevented);
    document.addEventListener("submit", watch);
    try {
      const button = root.querySelector("button") as HTMLButtonElement;
      button.click();
      button.click();
      root.querySelector("form")?.requestSubmit();
      expect(sent).toEqual([false, false, false]);
      expect(button.querySelectorAll(".spinner")).toHaveLength(1);
      expect(button.textContent).toBe("Signing in…");
    } finally {
      document.removeEventListener("submit", watch);
    }
  });
});
