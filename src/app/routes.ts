// The route table: which page answers each path the app owns, what data it needs, and whether it
// needs a session. Paths come from owned-routes.ts, so a page added there must be decided here.
import type { QueryClient } from "@tanstack/react-query";
import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { loginTypeQuery } from "../api/account.ts";
import { appearanceQuery } from "../api/appearance.ts";
import { csrfTokenQuery } from "../api/csrf.ts";
import { permissionsQuery } from "../api/permissions.ts";
import { authMethodsQuery, meQuery } from "../api/session.ts";
import { hasSessionHint } from "../api/session-hint.ts";
import { firstUserQuery } from "../api/setup.ts";
import { recoverFromNewBuild } from "../components/new-build.ts";
import { backFromSilentRoundTrip } from "../sso/round-trip.ts";
import { APP_REDIRECTS, type AppPage } from "./owned-routes.ts";

export interface PageRoute {
  /** Only for someone signed in: the guard sends everyone else to `/login?redirect=…`. */
  signedIn: boolean;
  /**
   * Starts the page's data. Runs alongside `preload()` before the page renders, on the first load
   * and on every navigation, so code and data download side by side. Must be cheap and idempotent.
   */
  prefetch: (queryClient: QueryClient) => void;
  /** Downloads the page's code (its own chunk); the same promise on every call once started. */
  preload: () => Promise<ComponentType>;
  /** The page, rendered through React.lazy on top of `preload()`. */
  readonly Component: LazyExoticComponent<ComponentType>;
  /** A new visit: if the page's code failed to download last time, try again this time. */
  forgetFailure: () => void;
  /**
   * On the first load only: data that changes the page's layout, which the takeover of the
   * prerendered page waits for (at most TAKEOVER_WAIT_MS), so that the page moves once, when the
   * app takes over, and not again a moment later under the visitor's pointer. The prerendered
   * page stays usable meanwhile: typing, Show, and an early submit all carry over.
   */
  layoutData?: (queryClient: QueryClient) => Promise<unknown>;
}

interface PageOptions {
  signedIn?: boolean;
  prefetch?: (queryClient: QueryClient) => void;
  layoutData?: (queryClient: QueryClient) => Promise<unknown>;
}

/** The longest the takeover waits for a page's `layoutData`: after that, it shows what it has. */
export const TAKEOVER_WAIT_MS = 1000;

function page(load: () => Promise<ComponentType>, options: PageOptions = {}): PageRoute {
  let loading: Promise<ComponentType> | undefined;
  let failed = false;
  // Through the route, so whoever starts the page and React wait on the very same download.
  const lazyPage = (): LazyExoticComponent<ComponentType> =>
    lazy(async () => {
      try {
        return { default: await route.preload() };
      } catch (error) {
        failed = true;
        throw error;
      }
    });
  let Component = lazyPage();
  const route: PageRoute = {
    signedIn: options.signedIn ?? false,
    prefetch: options.prefetch ?? (() => {}),
    ...(options.layoutData ? { layoutData: options.layoutData } : {}),
    preload: () => {
      // A new build replaced this one under the page: reload for it (new-build.ts).
      loading ??= load()
        .catch(recoverFromNewBuild)
        .catch((error: unknown) => {
          loading = undefined;
          throw error;
        });
      return loading;
    },
    get Component() {
      return Component;
    },
    forgetFailure: () => {
      // React.lazy keeps a failure for good: a new visit gets a new one, which downloads again.
      if (!failed) return;
      failed = false;
      Component = lazyPage();
    },
  };
  return route;
}

/**
 * What every signed-out page shows or decides on at once. Back from a provider with no word of
 * how it went, this is where sign-in asks who is here (sso/round-trip.ts); the page only reads it.
 */
function prefetchSignedOut(queryClient: QueryClient) {
  void queryClient.prefetchQuery(authMethodsQuery());
  if (hasSessionHint() || backFromSilentRoundTrip(window.location.search))
    void queryClient.prefetchQuery(meQuery());
}

/**
 * The guard's data, for every signed-in page: who is signed in, and what they may do. The
 * permissions are asked alongside `users/me` when this browser is probably signed in; otherwise
 * only once someone is (no request that can only be refused).
 */
function prefetchSession(queryClient: QueryClient) {
  const early = hasSessionHint();
  const startSignedInData = () => {
    // The CSRF token first: the permissions are a POST that needs it, and wait for a read under
    // way (without one they went out bare, were refused and sent again).
    void queryClient.prefetchQuery(csrfTokenQuery());
    void queryClient.prefetchQuery(permissionsQuery());
    // The deployment's banners, so they are in place when the page first renders.
    void queryClient.prefetchQuery(appearanceQuery());
  };
  if (early) startSignedInData();
  void queryClient.ensureQueryData(meQuery()).then(
    (user) => {
      if (user && !early) startSignedInData();
    },
    // The guard reads the same query and shows the failure.
    () => undefined,
  );
}

/**
 * The user's theme and what Coder's account settings navigation depends on, for a page inside
 * those settings: their code comes with the page, out of every signed-out page's first download.
 * Never rejects.
 */
function accountSettingsData(queryClient: QueryClient): Promise<unknown> {
  return import("../api/account-settings.ts").then(
    (data) => data.accountSettingsData(queryClient),
    () => undefined,
  );
}

/** The signed-in pages' frame (header, navigation, sign-out), loaded with the first of them. */
export const signedInLayout = page(
  async () => (await import("../features/session/SignedInLayout.tsx")).SignedInLayout,
);

/** Every page the app owns; `null`: owned, but not built yet (an unknown path until it is). */
export const pages: Readonly<Record<AppPage, PageRoute | null>> = {
  "/login": page(async () => (await import("../features/login/LoginPage.tsx")).LoginPage, {
    prefetch: prefetchSignedOut,
    // The deployment's sign-in methods decide what the page is: with password sign-in off, or
    // terms to accept first, the form gives way to buttons. The takeover waits for them, so that
    // change comes with it rather than a moment later (providers alone go under the form, where
    // they move no control).
    layoutData: (queryClient) => queryClient.ensureQueryData(authMethodsQuery()),
  }),
  // GitHub sign-in through the device flow; Coder's callback sends the browser here.
  "/login/device": page(
    async () => (await import("../features/github-device/GithubDevicePage.tsx")).GithubDevicePage,
  ),
  "/reset-password": page(
    async () => (await import("../features/reset-password/RequestCodePage.tsx")).RequestCodePage,
    { prefetch: prefetchSignedOut },
  ),
  "/reset-password/change": page(
    async () =>
      (await import("../features/reset-password/ChangePasswordPage.tsx")).ChangePasswordPage,
    { prefetch: prefetchSignedOut },
  ),
  "/settings/security": page(
    async () => (await import("../features/settings/SecurityPage.tsx")).SecurityPage,
    {
      signedIn: true,
      prefetch: (queryClient) => {
        // Alongside the guard's `users/me`, not after it.
        if (hasSessionHint()) {
          void queryClient.prefetchQuery(loginTypeQuery());
          void accountSettingsData(queryClient);
        }
        void queryClient.prefetchQuery(authMethodsQuery());
      },
      // The first frame in the user's theme rather than the one this browser remembered, and
      // with the settings navigation's pages all there.
      layoutData: (queryClient) =>
        queryClient
          .ensureQueryData(meQuery())
          .then((user) => (user ? accountSettingsData(queryClient) : undefined)),
    },
  ),
  "/setup": page(async () => (await import("../features/setup/SetupPage.tsx")).SetupPage, {
    prefetch: (queryClient) => {
      void queryClient.prefetchQuery(firstUserQuery());
      prefetchSignedOut(queryClient);
    },
  }),
  // It needs a session, yet it is a card like the sign-in pages, and prerendered as one:
  // `coder login` sends people here from the terminal. The page sends the signed-out to sign in.
  "/cli-auth": page(
    async () => (await import("../features/cli-auth/CliAuthPage.tsx")).CliAuthPage,
    { prefetch: (queryClient) => void queryClient.prefetchQuery(meQuery()) },
  ),
};

export const notFoundPage = page(async () => (await import("./NotFoundPage.tsx")).NotFoundPage);

/** The page that answers a path (after the app's own redirects), or the not-found page. */
function routeFor(pathname: string): PageRoute {
  // The router matches "/login/" as "/login"; so does this.
  const path = pathname.replace(/\/+$/, "") || "/";
  const target = Object.hasOwn(APP_REDIRECTS, path) ? APP_REDIRECTS[path] : path;
  return (Object.hasOwn(pages, target ?? "") && pages[target as AppPage]) || notFoundPage;
}

/** Resolves when `promise` settles or after `ms`, whichever comes first; never rejects. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    const finish = () => {
      clearTimeout(timer);
      done();
    };
    promise.then(finish, finish);
  });
}

/**
 * Starts everything the page at `pathname` needs (data, its code, and the signed-in frame's code
 * when it has one) at once. Resolves when the code is in, whatever became of the data; never
 * rejects (a page whose code failed renders its error instead). `firstLoad`: also wait, briefly,
 * for the data the page's layout depends on (`layoutData`).
 */
export function startPage(
  pathname: string,
  queryClient: QueryClient,
  options: { firstLoad?: boolean } = {},
): Promise<void> {
  const route = routeFor(pathname);
  route.forgetFailure();
  if (route.signedIn) {
    signedInLayout.forgetFailure();
    prefetchSession(queryClient);
  }
  route.prefetch(queryClient);
  const code = [route.preload(), ...(route.signedIn ? [signedInLayout.preload()] : [])];
  const layout =
    options.firstLoad && route.layoutData
      ? settledWithin(route.layoutData(queryClient), TAKEOVER_WAIT_MS)
      : undefined;
  return Promise.all([...code, layout]).then(
    () => undefined,
    () => undefined,
  );
}
