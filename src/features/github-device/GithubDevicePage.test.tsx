// The device flow against the mock Coder (its GitHub included), on the mock's clock: the page's
// timers and the mock's time are both the fake clock, so "five seconds later" is exact.
import { act, configure, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";

configure({ asyncUtilTimeout: 5000 });
// The mock reads the clock on every call, so it follows the fake one (a plain `Date.now` would be
// the real one, captured before the fake clock is installed).
const { mock, server, cookies } = setupMockCoder({ now: () => Date.now() });
const ORIGIN = "http://localhost:3000";
const CALLBACK = "/api/v2/users/oauth2/github/callback";

const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});
const polls: Array<{ at: number; query: URLSearchParams }> = [];
server.events.on("request:start", ({ request }) => {
  const url = new URL(request.url);
  if (url.pathname === CALLBACK && url.searchParams.has("code"))
    polls.push({ at: Date.now(), query: url.searchParams });
});

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  mock.config.githubDefaultProvider = true;
});
afterEach(() => {
  vi.useRealTimers();
  assign.mockClear();
  polls.length = 0;
  localStorage.clear();
});

/** "Sign in with GitHub": Coder's callback sets its cookies and sends the browser to the page. */
async function startDeviceFlow(redirect = "/settings/security"): Promise<string> {
  const response = await mock.handle(
    new Request(`${ORIGIN}${CALLBACK}?${new URLSearchParams({ redirect })}`),
  );
  expect(response.status).toBe(307);
  cookies.store(new URL(ORIGIN), response.headers.getSetCookie());
  const location = new URL(response.headers.get("location") ?? "", ORIGIN);
  expect(location.pathname).toBe("/login/device");
  return `${location.pathname}${location.search}`;
}

/** What the person does on (the mock's) GitHub. */
async function onGithub(
  userCode: string,
  decision: "authorize" | "cancel",
  email = "github@coder.com",
) {
  const response = await mock.handle(
    new Request(`${ORIGIN}/__mock/github/login/device/${decision}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ user_code: userCode, email }),
    }),
  );
  expect(response.status).toBe(200);
}

const seconds = (s: number) => act(() => vi.advanceTimersByTimeAsync(s * 1000));

async function shownCode(): Promise<string> {
  const code = await screen.findByText(/^[B-Z]{4}-[B-Z]{4}$/);
  return code.textContent ?? "";
}

// A busy machine and the first lazy import of the page can take more than the default 5 s.
describe("GitHub sign-in through the device flow", { timeout: 20_000 }, () => {
  it("shows a code to copy and a link to GitHub, polls, and goes on once GitHub says yes", async () => {
    const page = await startDeviceFlow("/settings/security");
    renderApp(page);
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in with GitHub" }));
    const userCode = await shownCode();
    const github = screen.getByRole("link", { name: /Open GitHub/ });
    expect(github).toHaveAttribute("href", `${ORIGIN}/__mock/github/login/device`);
    expect(github).toHaveAttribute("target", "_blank");
    expect(github).toHaveAttribute("rel", "noopener noreferrer");
    expect(github).toHaveAccessibleName(/^Open GitHub ?\(opens in a new tab\)$/);
    expect(screen.getByText(/expires in/)).toHaveTextContent("The code expires in 15:00.");

    // Not yet authorized: a poll every five seconds, with the device code and Coder's state.
    await seconds(5);
    await waitFor(() => expect(polls).toHaveLength(1));
    const state = new URLSearchParams(page.split("?")[1]).get("state");
    expect(polls[0]?.query.get("state")).toBe(state);
    expect(polls[0]?.query.get("code")).toMatch(/^[0-9a-f]{40}$/);
    await seconds(5);
    await waitFor(() => expect(polls).toHaveLength(2));
    expect(screen.getByText(/expires in/)).toHaveTextContent("The code expires in 14:50.");
    expect(assign).not.toHaveBeenCalled();

    await onGithub(userCode, "authorize");
    await seconds(5);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/settings/security"));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(cookies.get("coder_session_token")).toBeTruthy();
    expect(polls).toHaveLength(3);
  });

  it("slows down when GitHub asks, for good", async () => {
    renderApp(await startDeviceFlow());
    await shownCode();
    server.use(
      http.get(
        CALLBACK,
        () =>
          HttpResponse.json(
            { message: "Failed exchanging Oauth code.", detail: "slow_down" },
            { status: 500 },
          ),
        { once: true },
      ),
    );
    await seconds(5);
    await waitFor(() => expect(polls).toHaveLength(1));
    const slowedAt = polls[0]?.at ?? 0;
    await seconds(9);
    expect(polls).toHaveLength(1);
    await seconds(1);
    await waitFor(() => expect(polls).toHaveLength(2));
    expect((polls[1]?.at ?? 0) - slowedAt).toBeGreaterThanOrEqual(10_000);
    await seconds(10);
    await waitFor(() => expect(polls).toHaveLength(3));
    // The mock's own GitHub never had to say slow_down: the page kept to the pace.
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says when the code ran out, and gets a new one", async () => {
    renderApp(await startDeviceFlow());
    const first = await shownCode();
    mock.advanceClock(15 * 60 * 1000);
    await seconds(5);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The code ran out before GitHub confirmed it.");
    await waitFor(() => expect(alert).toHaveFocus());
    const count = polls.length;
    await seconds(30);
    expect(polls).toHaveLength(count);

    await act(() => within(alert).getByRole("button", { name: "Get a new code" }).click());
    const second = await shownCode();
    expect(second).not.toBe(first);
    await onGithub(second, "authorize");
    await seconds(5);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/settings/security"));
  });

  it("stops the wait at the deadline without asking GitHub again", async () => {
    renderApp(await startDeviceFlow());
    await shownCode();
    await seconds(15 * 60);
    expect(await screen.findByRole("alert")).toHaveTextContent("The code ran out");
    const count = polls.length;
    await seconds(60);
    expect(polls).toHaveLength(count);
  });

  it("says when the request was cancelled on GitHub", async () => {
    renderApp(await startDeviceFlow());
    await onGithub(await shownCode(), "cancel");
    await seconds(5);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "GitHub says the request was cancelled, so you were not signed in.",
    );
    expect(screen.getByRole("button", { name: "Get a new code" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to sign in" })).toHaveAttribute("href", "/login");
    expect(assign).not.toHaveBeenCalled();
  });

  it("keeps trying through a dropped connection, and says so once", async () => {
    renderApp(await startDeviceFlow());
    const userCode = await shownCode();
    const status = screen.getByText("Waiting for GitHub to confirm…");
    expect(status).toHaveAttribute("role", "status");
    server.use(http.get(CALLBACK, () => HttpResponse.error(), { once: true }));
    await seconds(5);
    await waitFor(() =>
      expect(status).toHaveTextContent("Can't reach Coder at the moment. Still trying…"),
    );
    await onGithub(userCode, "authorize");
    await seconds(5);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/settings/security"));
  });

  it("stops and explains when Coder refuses for good (the state is not this browser's)", async () => {
    const page = await startDeviceFlow();
    renderApp(page.replace(/state=[^&]+/, "state=someone-elses"));
    await shownCode();
    await seconds(5);
    // Issue 21: Coder's words were run on between ours ("…couldn't finish. State mismatched. Get a
    // new code…"); now the redirect flow's explanation, whose fix is a new start, not a new code.
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "Coder didn't accept this sign-in. Most often the account isn't in a GitHub organization or team this deployment allows: ask your administrator for access. If the sign-in was started in another tab or took a long time, start again from the sign-in page.",
    );
    expect(within(alert).queryByRole("button", { name: "Get a new code" })).toBeNull();
    const count = polls.length;
    await seconds(30);
    expect(polls).toHaveLength(count);
  });

  // Issue 21: "GitHub sign-in couldn't finish. Incorrect login type Get a new code to try again…"
  it("explains an account that signs in another way as the redirect flow does, with no new code", async () => {
    renderApp(await startDeviceFlow());
    await onGithub(await shownCode(), "authorize", "admin@coder.com");
    await seconds(5);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "Your identity provider recognised you, but Coder didn't let that account in. Either it has no Coder account yet (ask your administrator for access), or it signs in another way, for example with a password: use that instead.",
    );
    expect(within(alert).queryByRole("button", { name: "Get a new code" })).toBeNull();
    expect(screen.getByRole("link", { name: "Back to sign in" })).toHaveAttribute("href", "/login");
  });

  it("ends the wait with a clear message on a 500 in Coder's own words, and offers a new code", async () => {
    renderApp(await startDeviceFlow());
    await shownCode();
    server.use(
      http.get(CALLBACK, () =>
        HttpResponse.json(
          { message: "Failed exchanging Oauth code.", detail: "unexpected EOF" },
          { status: 500 },
        ),
      ),
    );
    await seconds(5);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "Something went wrong while finishing single sign-on. Try again; if it keeps happening, tell your administrator.",
    );
    expect(screen.queryByText(/Still trying/)).toBeNull();
    expect(within(alert).getByRole("button", { name: "Get a new code" })).toBeInTheDocument();
    const count = polls.length;
    await seconds(30);
    expect(polls).toHaveLength(count);
  });

  it("when Coder stays out of reach until the code runs out, says that rather than 'ran out'", async () => {
    renderApp(await startDeviceFlow());
    await shownCode();
    server.use(http.get(CALLBACK, () => new HttpResponse("<h1>502</h1>", { status: 502 })));
    await seconds(5);
    await screen.findByText("Can't reach Coder at the moment. Still trying…");
    await seconds(15 * 60);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Coder couldn't be reached before the code ran out, so you weren't signed in. Check your connection, then get a new code.",
    );
    expect(screen.queryByText(/Still trying/)).toBeNull();
  });

  it("says so when no code can be had, and tries again on request", async () => {
    renderApp(await startGithubPageWithoutDeviceMode());
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "GitHub sign-in couldn't start. Device flow is not enabled for Github OAuth2.",
    );
    mock.config.githubDefaultProvider = true;
    await act(() => within(alert).getByRole("button", { name: "Try again" }).click());
    await shownCode();
  });

  it("counts down quietly: the countdown is in no live region, and announces nothing", async () => {
    renderApp(await startDeviceFlow());
    await shownCode();
    const countdown = screen.getByText(/expires in/);
    expect(countdown.closest("[role=status],[role=alert],[aria-live]")).toBeNull();
    const live = screen.getAllByRole("status");
    const before = live.map((region) => region.textContent);
    await seconds(3);
    expect(live.map((region) => region.textContent)).toEqual(before);
  });

  it("copies the code, and says how to do it by hand when the browser won't", async () => {
    const { user } = renderApp(await startDeviceFlow());
    const userCode = await shownCode();
    await user.click(screen.getByRole("button", { name: "Copy code" }));
    expect(await navigator.clipboard.readText()).toBe(userCode);
    expect(await screen.findByText("Copied.")).toHaveAttribute("role", "status");

    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValueOnce(new Error("denied"));
    await user.click(screen.getByRole("button", { name: "Copy code" }));
    expect(await screen.findByText("Couldn't copy: select the code and copy it.")).toHaveAttribute(
      "role",
      "status",
    );
  });

  it("without Coder's state, offers to start GitHub sign-in properly, keeping a safe target", async () => {
    renderApp("/login/device?redirect=%2Fsettings%2Fsecurity");
    expect(await screen.findByRole("link", { name: "Start GitHub sign-in" })).toHaveAttribute(
      "href",
      `${CALLBACK}?redirect=%2Fsettings%2Fsecurity`,
    );
    const hostile = renderApp("/login/device?redirect=https%3A%2F%2Fevil.example%2F");
    expect(
      await within(hostile.container).findByRole("link", { name: "Start GitHub sign-in" }),
    ).toHaveAttribute("href", `${CALLBACK}?redirect=%2F`);
    expect(polls).toEqual([]);
  });
});

/** A page address with a state, on a deployment whose GitHub is not in device mode. */
async function startGithubPageWithoutDeviceMode(): Promise<string> {
  mock.config.githubDefaultProvider = true;
  const page = await startDeviceFlow();
  mock.config.githubDefaultProvider = false;
  return page;
}
