// How a round trip through an identity provider ends on the sign-in page: a tab that left from
// here and came back with no word of how it went asks once who is signed in (a suspended account
// is told why), then forgets the trip; a trip that came back with a message asks nobody.
import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import {
  backFromRoundTrip,
  backFromSilentRoundTrip,
  forgetRoundTrip,
  markRoundTrip,
} from "../../sso/round-trip.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { ssoRoundTrip } from "../../testing/session.ts";

const { server } = setupMockCoder();

/** Every request for who is signed in. */
const askedWho: string[] = [];
server.events.on("request:start", ({ request }) => {
  if (new URL(request.url).pathname === "/api/v2/users/me") askedWho.push(request.url);
});

/** Renders the app at `path`, with the browser's own address agreeing (the route's prefetch reads it). */
function visit(path: string) {
  window.history.replaceState(null, "", path);
  return renderApp(path);
}

afterEach(() => {
  askedWho.length = 0;
  vi.restoreAllMocks();
  window.history.replaceState(null, "", "/");
});

const SUSPENDED =
  "Your account is suspended, so it can't sign in. Ask an administrator to reactivate it.";

/** The sign-in page has its methods: whatever it was going to ask, it has asked by now. */
async function settled(view: ReturnType<typeof renderApp>) {
  await screen.findByRole("link", { name: "Sign in with GitHub" });
  await waitFor(() => expect(view.queryClient.isFetching()).toBe(0));
}

describe("the trip itself", () => {
  it("is noted when a provider's button is pressed, and remembered for a while only", () => {
    const now = Date.now();
    expect(backFromRoundTrip(now)).toBe(false);
    markRoundTrip(now);
    expect(backFromRoundTrip(now + 60_000)).toBe(true);
    expect(backFromRoundTrip(now + 16 * 60_000)).toBe(false);
    expect(backFromSilentRoundTrip("?redirect=%2F", now + 60_000)).toBe(true);
    expect(backFromSilentRoundTrip("?message=sso-failed-400", now + 60_000)).toBe(false);
    forgetRoundTrip();
    expect(backFromRoundTrip(now + 60_000)).toBe(false);
  });

  it("is not known where storage is blocked", () => {
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new DOMException("blocked", "SecurityError");
    });
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("blocked", "SecurityError");
    });
    markRoundTrip();
    expect(backFromRoundTrip()).toBe(false);
  });
});

describe("back on the sign-in page from a provider", () => {
  it("a suspended account is told why, once; the trip is then forgotten", async () => {
    // Leaves from here: the provider's button notes the trip (jsdom does not follow the link).
    const before = visit("/login");
    const github = await screen.findByRole("link", { name: "Sign in with GitHub" });
    github.addEventListener("click", (event) => event.preventDefault(), { once: true });
    act(() => github.click());
    before.unmount();
    // Coder's callback signs the suspended account in and sends it on; the dashboard's check
    // sends it back here without a word.
    await ssoRoundTrip("github", "suspended-sso@coder.com");

    const back = visit("/login?redirect=%2F");
    expect(await screen.findByRole("alert")).toHaveTextContent(SUSPENDED);
    expect(askedWho).toHaveLength(1);
    await settled(back);
    back.unmount();

    // Coming back later asks nobody and says nothing.
    const later = visit("/login?redirect=%2F");
    await settled(later);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(askedWho).toHaveLength(1);
  });

  it("a trip that came back saying how it failed made no session: nobody is asked", async () => {
    markRoundTrip();
    const view = visit("/login?message=sso-failed-400");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      /cancelled at your identity provider/,
    );
    await settled(view);
    expect(askedWho).toEqual([]);
  });

  it("without a trip, a browser with no sign of a session asks nobody", async () => {
    const view = visit("/login");
    await settled(view);
    expect(askedWho).toEqual([]);
  });
});
