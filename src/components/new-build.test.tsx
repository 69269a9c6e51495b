// A new build deployed under an open page: its code is gone (404), which is not the visitor's
// connection. The page reloads once, keeping what was typed but never a secret, or says plainly
// what happened and offers to reload.
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeferredForm, deferredForm, type StandInProps } from "./DeferredForm.tsx";
import {
  failedModuleUrl,
  isBuildReplaced,
  page,
  RELOAD_GUARD_MS,
  recoverFromNewBuild,
  reloadForNewBuild,
  restoreKeptFields,
} from "./new-build.ts";

const realReload = page.reload;
let reloads = 0;
beforeEach(() => {
  reloads = 0;
  page.reload = () => {
    reloads++;
    // The page would be gone; here it stays, as if reloaded.
    page.leaving = false;
  };
  sessionStorage.clear();
});
afterEach(() => {
  page.reload = realReload;
  page.leaving = false;
  sessionStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const chunk = () => `${window.location.origin}/auth-ui/LoginForm-Ab12Cd.js`;
/** How Chromium and Firefox word a failed dynamic import. */
const chromium = () => new TypeError(`Failed to fetch dynamically imported module: ${chunk()}`);
const firefox = () => new TypeError(`error loading dynamically imported module: ${chunk()}`);

/** The server's answer to the probe of a file: a status, or no answer at all. */
function serverAnswers(status: number | "offline") {
  const probe = vi.fn(async (_url: string, _init?: RequestInit) => {
    if (status === "offline") throw new TypeError("Failed to fetch");
    return new Response(null, { status });
  });
  vi.stubGlobal("fetch", probe);
  return probe;
}

function fields(html: string): HTMLElement {
  const scope = document.createElement("div");
  scope.innerHTML = html;
  document.body.append(scope);
  return scope;
}

const FORM = `<form>
  <input name="email" type="email" autocomplete="email">
  <input name="username" type="text" autocomplete="username">
  <input name="password" type="password" autocomplete="current-password">
  <input name="shown" type="text" autocomplete="new-password">
  <input name="code" type="text" autocomplete="one-time-code">
  <input name="otp" type="text">
</form>`;

function type(scope: HTMLElement, name: string, value: string) {
  const input = scope.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (input) input.value = value;
}

describe("failedModuleUrl", () => {
  it("reads the file from Chromium's and Firefox's words, only on this origin", () => {
    expect(failedModuleUrl(chromium())).toBe(chunk());
    expect(failedModuleUrl(firefox())).toBe(chunk());
    expect(failedModuleUrl(new TypeError("Importing a module script failed."))).toBeUndefined();
    expect(
      failedModuleUrl(
        new TypeError("Failed to fetch dynamically imported module: https://evil.example/x.js"),
      ),
    ).toBeUndefined();
  });
});

describe("isBuildReplaced", () => {
  it("asks for the failed file once more: gone (404, 410) is a new build", async () => {
    for (const [status, replaced] of [
      [404, true],
      [410, true],
      [200, false],
      [500, false],
      [503, false],
    ] as const) {
      const probe = serverAnswers(status);
      expect(await isBuildReplaced(chromium()), String(status)).toBe(replaced);
      expect(probe).toHaveBeenCalledTimes(1);
      expect(probe.mock.calls[0]?.[0]).toBe(chunk());
      expect(probe.mock.calls[0]?.[1]).toMatchObject({ method: "HEAD", cache: "no-store" });
    }
  });

  it("an unreachable server is the connection, not a new build", async () => {
    serverAnswers("offline");
    expect(await isBuildReplaced(chromium())).toBe(false);
  });

  it("without a file in the error (Safari), asks for the page's entry script", async () => {
    const script = document.createElement("script");
    script.type = "module";
    script.src = "/auth-ui/index-Zz99.js";
    document.head.append(script);
    try {
      const probe = serverAnswers(404);
      expect(await isBuildReplaced(new TypeError("Importing a module script failed."))).toBe(true);
      expect(probe.mock.calls[0]?.[0]).toBe(`${window.location.origin}/auth-ui/index-Zz99.js`);
    } finally {
      script.remove();
    }
  });
});

describe("reloadForNewBuild and restoreKeptFields", () => {
  it("keeps the address and username, never a password or a code, and puts them back once", () => {
    const before = fields(FORM);
    for (const name of ["email", "username", "password", "shown", "code", "otp"])
      type(before, name, `${name}-typed`);
    expect(reloadForNewBuild(before)).toBe(true);
    expect(reloads).toBe(1);
    const stored = JSON.stringify({ ...sessionStorage });
    expect(stored).toContain("email-typed");
    expect(stored).not.toMatch(/password-typed|shown-typed|code-typed|otp-typed/);
    before.remove();

    const after = fields(FORM);
    const heard: string[] = [];
    after.addEventListener("input", (event) => heard.push((event.target as HTMLInputElement).name));
    restoreKeptFields(after);
    const value = (name: string) =>
      after.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value;
    expect(value("email")).toBe("email-typed");
    expect(value("username")).toBe("username-typed");
    expect(value("password")).toBe("");
    expect(heard).toEqual(["email", "username"]);
    // Forgotten at once: a later load puts nothing back.
    type(after, "email", "");
    restoreKeptFields(after);
    expect(value("email")).toBe("");
    after.remove();
  });

  it("never fills a field someone already typed in, nor one the new page made secret", () => {
    const before = fields(FORM);
    type(before, "email", "kept@example.com");
    reloadForNewBuild(before);
    before.remove();
    const after = fields(`<input name="email" type="password">`);
    restoreKeptFields(after);
    expect(after.querySelector("input")?.value).toBe("");
    after.remove();
  });

  it("reloads once per tab per minute (no loops); a press on Reload always reloads", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(reloadForNewBuild(document)).toBe(true);
    expect(reloadForNewBuild(document)).toBe(false);
    expect(reloads).toBe(1);
    expect(reloadForNewBuild(document, true)).toBe(true);
    expect(reloads).toBe(2);
    vi.setSystemTime(Date.now() + RELOAD_GUARD_MS + 1);
    expect(reloadForNewBuild(document)).toBe(true);
    expect(reloads).toBe(3);
  });

  it("downloads that fail together wait for one reload", async () => {
    serverAnswers(404);
    let leaving = 0;
    page.reload = () => {
      leaving++;
    };
    const settled: string[] = [];
    for (const error of [chromium(), firefox(), chromium()]) {
      recoverFromNewBuild(error).catch((e: unknown) => settled.push(String(e)));
    }
    await vi.waitFor(() => expect(leaving).toBe(1));
    await new Promise((done) => setTimeout(done, 50));
    expect(settled).toEqual([]); // none shows an error: the page is on its way
  });

  it("a kept value older than the guard is dropped", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const before = fields(FORM);
    type(before, "email", "old@example.com");
    reloadForNewBuild(before);
    before.remove();
    vi.setSystemTime(Date.now() + RELOAD_GUARD_MS + 1);
    const after = fields(FORM);
    restoreKeptFields(after);
    expect(after.querySelector<HTMLInputElement>("[name=email]")?.value).toBe("");
    after.remove();
  });
});

describe("a deferred form whose code is gone after a new build", () => {
  function StandIn({ form, alert }: StandInProps) {
    return (
      <form {...form}>
        {alert}
        <label>
          Email <input name="email" type="email" />
        </label>
        <button type="submit">Send</button>
      </form>
    );
  }

  function renderWith(error: () => Error) {
    const module = deferredForm<object>(() => Promise.reject(error()));
    render(<DeferredForm form={module} props={{}} standIn={(p) => <StandIn {...p} />} />);
    return module;
  }

  it("reloads by itself, keeping the address typed and where the focus was", async () => {
    serverAnswers(404);
    renderWith(chromium);
    const email = screen.getByLabelText<HTMLInputElement>("Email");
    email.value = "ada@example.com"; // filled in by the browser before any key
    await userEvent.click(email);
    await vi.waitFor(() => expect(reloads).toBe(1));
    expect(screen.queryByRole("alert")).toBeNull();

    const after = fields(FORM);
    restoreKeptFields(after);
    const restored = after.querySelector<HTMLInputElement>("[name=email]");
    expect(restored?.value).toBe("ada@example.com");
    expect(document.activeElement).toBe(restored);
    after.remove();
  });

  it("when it just reloaded, says a new version was deployed and offers Reload", async () => {
    serverAnswers(404);
    reloadForNewBuild(document); // the reload a moment ago
    reloads = 0;
    renderWith(chromium);
    await userEvent.click(screen.getByLabelText("Email"));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "A new version of this site was deployed. Reload the page to continue.",
    );
    expect(reloads).toBe(0);
    await userEvent.click(screen.getByRole("button", { name: "Reload page" }));
    expect(reloads).toBe(1);
  });

  it("a connection that fails is still the connection", async () => {
    serverAnswers("offline");
    renderWith(chromium);
    await act(() => userEvent.click(screen.getByLabelText("Email")));
    expect(await screen.findByRole("alert")).toHaveTextContent("Check your connection");
    expect(reloads).toBe(0);
  });
});
