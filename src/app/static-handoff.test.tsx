import { afterEach, describe, expect, it } from "vitest";
import { createAppContainer, takeOverStaticPage } from "./static-handoff.ts";
import { enableStaticPage } from "./static-page-controls.ts";

// The prerendered page and the app's copy of it, as plain DOM: the copy's Show button has code
// behind it (as React's PasswordField does), the static one only what static-page-controls adds.
function passwordRow(id: string, providers = "") {
  return `${providers}<form><div class="input-row">
    <input id="${id}" name="password" type="password" autocomplete="current-password">
    <button type="button" class="reveal" aria-controls="${id}">Show<span class="visually-hidden"> password</span></button>
  </div><a href="/reset-password">Forgot password?</a></form>`;
}

function renderStaticPage(submitButton = "") {
  const root = document.createElement("div");
  root.id = "root";
  root.innerHTML = passwordRow("static-password");
  root.querySelector("form")?.insertAdjacentHTML("beforeend", submitButton);
  document.body.append(root);
  enableStaticPage(root);
  return root;
}

/** The app's render into its hidden container; returns how often its Show button was clicked. */
function renderApp({ providers = "" } = {}) {
  const app = document.getElementById("app") ?? createAppContainer();
  app.innerHTML = passwordRow("app-password", providers);
  const clicks = { count: 0 };
  app.querySelector("button")?.addEventListener("click", () => {
    clicks.count += 1;
    const input = app.querySelector("input");
    if (input) input.type = input.type === "password" ? "text" : "password";
  });
  return clicks;
}

const afterTheTask = () => new Promise((resolve) => setTimeout(resolve, 5));
const pointer = (type: string) => new PointerEvent(type, { bubbles: true });
const space = (type: string) => new KeyboardEvent(type, { key: " ", bubbles: true });

/** Presses Show on the prerendered page, lets the app take over, releases on the app's copy. */
function pressAcrossTakeover(
  press: Event,
  release: Event,
  releaseOn: () => HTMLElement = showButton,
) {
  renderStaticPage();
  showButton().dispatchEvent(press);
  const clicks = renderApp();
  takeOverStaticPage();
  releaseOn().dispatchEvent(release);
  return clicks;
}
const field = () => document.querySelector("input") as HTMLInputElement;
const showButton = () => document.querySelector("button.reveal") as HTMLButtonElement;
// The app knows the deployment's sign-in providers; the prerendered page does not.
const PROVIDERS = '<a href="/api/v2/users/oidc/callback">Continue with SSO</a>';

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the prerendered page before the app takes over", () => {
  it("shows the password at once, and the app keeps it shown", () => {
    renderStaticPage();
    showButton().click();
    expect(field().type).toBe("text");
    expect(showButton().firstChild?.textContent).toBe("Hide");
    showButton().click();
    expect(field().type).toBe("password");
    showButton().click();

    const clicks = renderApp();
    takeOverStaticPage();
    expect(document.getElementById("root")).toBeNull();
    expect(field().id).toBe("app-password");
    expect(field().type).toBe("text");
    expect(clicks.count).toBe(1);
  });

  it("a press the takeover cuts in two is finished on the app's copy, once", async () => {
    const clicks = pressAcrossTakeover(pointer("pointerdown"), pointer("pointerup"));
    await afterTheTask();
    expect(field().type).toBe("text");
    expect(clicks.count).toBe(1);
  });

  it("a browser that clicks the copy itself is not doubled", async () => {
    const clicks = pressAcrossTakeover(pointer("pointerdown"), pointer("pointerup"));
    showButton().click();
    await afterTheTask();
    expect(clicks.count).toBe(1);
  });

  it("Space held across the takeover clicks the copy when it comes up", async () => {
    const clicks = pressAcrossTakeover(space("keydown"), space("keyup"));
    await afterTheTask();
    expect(clicks.count).toBe(1);
  });

  it("a press dragged off the control and released elsewhere clicks nothing", async () => {
    const clicks = pressAcrossTakeover(
      pointer("pointerdown"),
      pointer("pointerup"),
      () => document.body,
    );
    await afterTheTask();
    expect(clicks.count).toBe(0);
    expect(field().type).toBe("password");
  });

  it("finds the pressed and the focused control again when the app has more controls", async () => {
    renderStaticPage();
    document.querySelector<HTMLElement>("a")?.focus();
    showButton().dispatchEvent(pointer("pointerdown"));
    const clicks = renderApp({ providers: PROVIDERS });
    let providerClicks = 0;
    document.querySelector("#app a")?.addEventListener("click", (event) => {
      event.preventDefault();
      providerClicks += 1;
    });
    takeOverStaticPage();
    expect(document.activeElement?.textContent).toBe("Forgot password?");
    showButton().dispatchEvent(pointer("pointerup"));
    await afterTheTask();
    expect(clicks.count).toBe(1);
    expect(providerClicks).toBe(0);
  });

  it("a press released on a copy that was itself replaced meanwhile still counts", async () => {
    renderStaticPage();
    showButton().dispatchEvent(pointer("pointerdown"));
    renderApp();
    takeOverStaticPage();
    // The form's own code arrives and replaces its stand-in (DeferredForm) before the release.
    const clicks = renderApp();
    showButton().dispatchEvent(pointer("pointerup"));
    await afterTheTask();
    expect(clicks.count).toBe(1);
    expect(field().type).toBe("text");
  });

  it("a submit asked for before the app ran is sent by the app, once", () => {
    // Prerendered disabled: nothing may submit before a script runs.
    renderStaticPage('<button type="submit" disabled>Sign in</button>');
    const submit = document.querySelector<HTMLButtonElement>("button[type=submit]");
    expect(submit?.disabled).toBe(false);
    submit?.click();
    renderApp();
    let sent = 0;
    document.querySelector("#app form")?.addEventListener("submit", (event) => {
      event.preventDefault();
      sent += 1;
    });
    takeOverStaticPage();
    expect(sent).toBe(1);
  });
});
