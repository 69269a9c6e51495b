import { act, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { clearCooldowns } from "./resend-cooldown.ts";
import { REQUEST, recordRequests, renderResetRoute } from "./test-utils.tsx";

const { mock, server } = setupMockCoder();
let requests: string[] = [];
beforeEach(() => {
  requests = recordRequests(server);
});
afterEach(() => {
  server.events.removeAllListeners();
  clearCooldowns();
});

const RATE_LIMITED = {
  message: "You've been rate limited for sending more than 60 requests in 1m0s.",
};

async function requestCodeFor(email: string, entry: string = "/reset-password") {
  const rendered = renderResetRoute(entry);
  const field = await screen.findByLabelText("Email");
  await rendered.user.clear(field);
  await rendered.user.type(field, email);
  await rendered.user.click(screen.getByRole("button", { name: "Email me a code" }));
  await screen.findByRole("heading", { level: 1, name: "Check your email" });
  return rendered;
}

describe("RequestCodePage", () => {
  it("asks for the address with the tokens browsers and password managers expect", async () => {
    renderResetRoute("/reset-password");
    const field = await screen.findByLabelText("Email");
    expect(field).toHaveAttribute("autocomplete", "email");
    expect(field).toHaveAttribute("type", "email");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Reset your password");
  });

  it("fills in the address from ?email= (Coder's links) and from the sign-in page", async () => {
    const first = renderResetRoute("/reset-password?email=member%40coder.com");
    expect(await screen.findByLabelText("Email")).toHaveValue("member@coder.com");
    first.unmount();
    renderResetRoute({ pathname: "/reset-password", state: { email: "admin@coder.com" } });
    expect(await screen.findByLabelText("Email")).toHaveValue("admin@coder.com");
  });

  it("sends one request and says where the code went, how long it lasts, and that only the newest works", async () => {
    const { location } = await requestCodeFor("member@coder.com");
    expect(requests.filter((r) => r === REQUEST)).toHaveLength(1);
    expect(mock.mail).toHaveLength(1);
    expect(mock.mail[0]?.to).toBe("member@coder.com");
    const status = screen.getByRole("status");
    expect(status).toHaveTextContent("If an account uses member@coder.com");
    expect(status).toHaveFocus();
    expect(screen.getByText(/works for 20 minutes/)).toHaveTextContent("only the newest one works");
    // A reload now comes back to this screen.
    expect(location().search).toBe("?email=member%40coder.com");
  });

  it("shows 'Check your email' with the address in the URL and focus on the news, at once", async () => {
    // Two commits (the screen first, the URL in a later transition) left a moment where a reload
    // would show the form again, and a test reading the URL on the screen's arrival saw none;
    // likewise the focus, moved in an effect after the screen was already shown.
    const rendered = renderResetRoute("/reset-password");
    const field = await screen.findByLabelText("Email");
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const heading = document.querySelector("h1")?.textContent;
      if (heading !== "Check your email") return;
      const focused = document.activeElement?.getAttribute("role") ?? "nothing";
      seen.push(`${rendered.location().search} ${focused}`);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    try {
      await rendered.user.type(field, "member@coder.com");
      await rendered.user.click(screen.getByRole("button", { name: "Email me a code" }));
      await screen.findByRole("heading", { level: 1, name: "Check your email" });
      await waitFor(() => expect(seen.length).toBeGreaterThan(0));
      expect(new Set(seen)).toEqual(new Set(["?email=member%40coder.com status"]));
    } finally {
      observer.disconnect();
    }
  });

  it("shows exactly the same screen for an address that has no account", async () => {
    const known = await requestCodeFor("member@coder.com");
    const knownText = screen.getByRole("main").textContent?.replaceAll("member@coder.com", "<>");
    known.unmount();
    clearCooldowns();
    await requestCodeFor("nobody@example.com");
    const unknownText = screen
      .getByRole("main")
      .textContent?.replaceAll("nobody@example.com", "<>");
    expect(unknownText).toBe(knownText);
    expect(mock.mail.map((m) => m.to)).toEqual(["member@coder.com"]);
  });

  it("checks the address before sending anything", async () => {
    const { user } = renderResetRoute("/reset-password");
    await user.click(await screen.findByRole("button", { name: "Email me a code" }));
    expect(await screen.findByText("Enter your email address.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Email"), "member@");
    await user.click(screen.getByRole("button", { name: "Email me a code" }));
    expect(await screen.findByText(/Enter a valid email address/)).toBeInTheDocument();
    expect(requests).not.toContain(REQUEST);
  });

  it("holds back a second request for a minute, with a countdown that survives a reload", async () => {
    const first = await requestCodeFor("member@coder.com");
    // The same action, the same name: the seconds show beside it, hidden from the name.
    const resend = screen.getByRole("button", { name: "Email me a code" });
    expect(resend).toHaveAttribute("aria-disabled", "true");
    expect(resend).toHaveTextContent(/^Email me a code\((59|60) s\)$/);
    await first.user.click(resend);
    expect(requests.filter((r) => r === REQUEST)).toHaveLength(1);

    // "Reload": a fresh app at the URL the page left behind.
    const url = first.location();
    first.unmount();
    const second = renderResetRoute(`${url.pathname}${url.search}`);
    expect(await screen.findByRole("heading", { name: "Check your email" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Email me a code" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );

    // Another address: the field comes back empty, focused and free to send.
    await second.user.click(screen.getByRole("button", { name: "Use a different email" }));
    const field = screen.getByLabelText("Email");
    expect(field).toHaveValue("");
    expect(field).toHaveFocus();
    expect(screen.getByRole("button", { name: "Email me a code" })).not.toHaveAttribute(
      "aria-disabled",
    );
    // The same address typed again is still held back, and the field says why.
    await second.user.type(field, "member@coder.com");
    expect(screen.getByRole("button", { name: "Email me a code" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    expect(field).toHaveAccessibleDescription(/less than a minute ago/);
    await second.user.clear(field);
    await second.user.type(field, "admin@coder.com");
    expect(screen.getByRole("button", { name: "Email me a code" })).not.toHaveAttribute(
      "aria-disabled",
    );
  });

  it("sends a new code once the wait is over, and says earlier codes stop working", async () => {
    const { user } = await requestCodeFor("member@coder.com");
    act(() => clearCooldowns()); // the minute has passed
    await user.click(await screen.findByRole("button", { name: "Email me a code" }));
    await waitFor(() => expect(mock.mail).toHaveLength(2));
    expect(await screen.findByText(/a new code is on its way/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Codes sent before it no longer work.");
  });

  it("explains that password sign-in is off (403) and keeps the address", async () => {
    const { user } = renderResetRoute("/reset-password");
    await user.type(await screen.findByLabelText("Email"), "member@coder.com");
    mock.config.passwordAuth = false;
    await user.click(screen.getByRole("button", { name: "Email me a code" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Password sign-in is turned off for this deployment");
    expect(alert).toHaveFocus();
    expect(screen.getByLabelText("Email")).toHaveValue("member@coder.com");
  });

  it("says so up front, without a form, when the deployment has password sign-in off", async () => {
    mock.config.passwordAuth = false;
    renderResetRoute("/reset-password");
    expect(
      await screen.findByText(/Password sign-in is turned off for this deployment/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText("Email")).not.toBeInTheDocument();
    // Nor a way to enter a code: there is no password to choose.
    expect(screen.queryByRole("link", { name: "I already have a code" })).toBeNull();
    expect(screen.getByRole("link", { name: "Back to sign in" })).toBeInTheDocument();
  });

  it("counts down from Retry-After on 429, keeps the address, and lets it be sent afterwards", async () => {
    server.use(
      http.post("*/api/v2/users/otp/request", () =>
        HttpResponse.json(RATE_LIMITED, { status: 429, headers: { "Retry-After": "2" } }),
      ),
    );
    const { user } = renderResetRoute("/reset-password");
    await user.type(await screen.findByLabelText("Email"), "member@coder.com");
    await user.click(screen.getByRole("button", { name: "Email me a code" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Too many attempts. You can try again in 2 seconds.");
    expect(screen.getByRole("button", { name: "Email me a code" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    expect(screen.getByLabelText("Email")).toHaveValue("member@coder.com");
    await waitFor(() => expect(alert).toHaveTextContent("you can try again now."), {
      timeout: 4000,
    });
    server.resetHandlers();
    await user.click(await screen.findByRole("button", { name: "Email me a code" }));
    expect(await screen.findByRole("heading", { name: "Check your email" })).toBeInTheDocument();
  }, 10_000);

  it.each([
    [
      "a server error",
      () => HttpResponse.json({ message: "Internal error." }, { status: 500 }),
      "Something went wrong on the server. Try again in a moment.",
    ],
    [
      "a lost connection",
      () => HttpResponse.error(),
      "Can't reach the server. Check your connection and try again.",
    ],
  ])("explains %s and keeps the address", async (_, respond, text) => {
    server.use(http.post("*/api/v2/users/otp/request", respond));
    const { user } = renderResetRoute("/reset-password");
    await user.type(await screen.findByLabelText("Email"), "member@coder.com");
    await user.click(screen.getByRole("button", { name: "Email me a code" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(text);
    expect(screen.getByLabelText("Email")).toHaveValue("member@coder.com");
  });

  it("reports a failed resend on the sent screen, without leaving it", async () => {
    const { user } = await requestCodeFor("member@coder.com");
    act(() => clearCooldowns());
    server.use(http.post("*/api/v2/users/otp/request", () => HttpResponse.error()));
    await user.click(await screen.findByRole("button", { name: "Email me a code" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Can't reach the server.");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Check your email");
  });

  it("links to entering the code by hand, for whoever reads email elsewhere", async () => {
    const { user, location } = await requestCodeFor("member@coder.com");
    await user.click(screen.getByRole("link", { name: "Enter the code here" }));
    await waitFor(() => expect(location().pathname).toBe("/reset-password/change"));
    expect(location().search).toBe("?email=member%40coder.com");
    const main = await screen.findByRole("main");
    expect(within(main).getByLabelText("One-time code")).toBeInTheDocument();
  });
});
