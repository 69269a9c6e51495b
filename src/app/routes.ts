// The route table: which page answers each path the app owns, what data it needs, and whether it
// needs a session. Paths come from owned-routes.ts, so a page added there must be decided here.
import type { QueryClient } from "@tanstack/react-query";
import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { loginTypeQuery } from "../api/account.ts";
import { appearanceQuery } from "../api/appearance.ts";
import { permissionsQuery } from "../api/permissions.ts";
import { authMethodsQuery, meQuery } from "../api/session.ts";
import { hasSessionHint } from "../api/session-hint.ts";
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
  Component: LazyExoticComponent<ComponentType>;
}

interface PageOptions {
  signedIn?: boolean;
  prefetch?: (queryClient: QueryClient) => void;
}

function page(load: () => Promise<ComponentType>, options: PageOptions = {}): PageRoute {
  let loading: Promise<ComponentType> | undefined;
  const route: PageRoute = {
    signedIn: options.signedIn ?? false,
    prefetch: options.prefetch ?? (() => {}),
    preload: () => {
      // A failed download is forgotten, so a later navigation tries again.
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return loading;
    },
    // Through the route, so whoever starts the page and React wait on the very same download.
    Component: lazy(async () => ({ default: await route.preload() })),
  };
  return route;
}

/** What every signed-out page shows or decides on at once. */
function prefetchSignedOut(queryClient: QueryClient) {
  void queryClient.prefetchQuery(authMethodsQuery());
  if (hasSessionHint()) void queryClient.prefetchQuery(meQuery());
}

/**
 * The guard's data, for every signed-in page: who is signed in, and what they may do. The
 * permissions are asked alongside `users/me` when this browser is probably signed in; otherwise
 * only once someone is (no request that can only be refused).
 */
export function prefetchSession(queryClient: QueryClient) {
  const early = hasSessionHint();
  const startSignedInData = () => {
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

/** The signed-in pages' frame (header, navigation, sign-out), loaded with the first of them. */
export const signedInLayout = page(
  async () => (await import("../features/session/SignedInLayout.tsx")).SignedInLayout,
);

/** Every page the app owns; `null`: owned, but not built yet (an unknown path until it is). */
export const pages: Readonly<Record<AppPage, PageRoute | null>> = {
  "/login": page(async () => (await import("../features/login/LoginPage.tsx")).LoginPage, {
    prefetch: prefetchSignedOut,
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
        if (hasSessionHint()) void queryClient.prefetchQuery(loginTypeQuery());
        void queryClient.prefetchQuery(authMethodsQuery());
      },
    },
  ),
  "/setup": null,
  "/cli-auth": null,
};

export const notFoundPage = page(async () => (await import("./NotFoundPage.tsx")).NotFoundPage);

/** The page that answers a path (after the app's own redirects), or the not-found page. */
export function routeFor(pathname: string): PageRoute {
  const target = Object.hasOwn(APP_REDIRECTS, pathname) ? APP_REDIRECTS[pathname] : pathname;
  return (Object.hasOwn(pages, target ?? "") && pages[target as AppPage]) || notFoundPage;
}

/**
 * Starts everything the page at `pathname` needs (data, its code, and the signed-in frame's code
 * when it has one) at once. Resolves when the code is in, whatever became of the data; never
 * rejects (a page whose code failed renders its error instead).
 */
export function startPage(pathname: string, queryClient: QueryClient): Promise<void> {
  const route = routeFor(pathname);
  if (route.signedIn) prefetchSession(queryClient);
  route.prefetch(queryClient);
  const code = [route.preload(), ...(route.signedIn ? [signedInLayout.preload()] : [])];
  return Promise.all(code).then(
    () => undefined,
    () => undefined,
  );
}
