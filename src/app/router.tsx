import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter, Navigate, type RouteObject, redirect } from "react-router";
import { loginTypeQuery } from "../api/account.ts";
import { appearanceQuery } from "../api/appearance.ts";
import { permissionsQuery } from "../api/permissions.ts";
import { authMethodsQuery, meQuery } from "../api/session.ts";
import { hasSessionHint } from "../api/session-hint.ts";
import { loginPathFor } from "../lib/safe-redirect.ts";
import { RootLayout } from "./RootLayout.tsx";
import { RouteError } from "./RouteError.tsx";

/**
 * Every page is its own chunk. Loaders start the page's data while its code downloads, so
 * neither waits for the other.
 */
export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter(appRoutes(queryClient));
}

/** The route table (exported so tests can mount the real app in a memory router). */
export function appRoutes(queryClient: QueryClient): RouteObject[] {
  const startSignedOutData = () => {
    void queryClient.prefetchQuery(authMethodsQuery());
    if (hasSessionHint()) void queryClient.prefetchQuery(meQuery());
    return null;
  };

  return [
    {
      Component: RootLayout,
      ErrorBoundary: RouteError,
      children: [
        {
          path: "/login",
          loader: startSignedOutData,
          lazy: async () => ({
            Component: (await import("../features/login/LoginPage.tsx")).LoginPage,
          }),
        },
        {
          // GitHub sign-in through the device flow; Coder's callback sends the browser here.
          path: "/login/device",
          lazy: async () => ({
            Component: (await import("../features/github-device/GithubDevicePage.tsx"))
              .GithubDevicePage,
          }),
        },
        {
          path: "/reset-password",
          loader: startSignedOutData,
          lazy: async () => ({
            Component: (await import("../features/reset-password/RequestCodePage.tsx"))
              .RequestCodePage,
          }),
        },
        {
          path: "/reset-password/change",
          loader: startSignedOutData,
          lazy: async () => ({
            Component: (await import("../features/reset-password/ChangePasswordPage.tsx"))
              .ChangePasswordPage,
          }),
        },
        {
          path: "/.well-known/change-password",
          element: <Navigate to="/settings/security" replace />,
        },
        {
          // Everything below needs a session.
          loader: async ({ request }) => {
            // What the user may do is asked alongside who they are when this browser is probably
            // signed in; otherwise only once the user is known (no request that can only be refused).
            const early = hasSessionHint();
            const startSignedInData = () => {
              void queryClient.prefetchQuery(permissionsQuery());
              // The deployment's banners, so they are in place when the page first renders.
              void queryClient.prefetchQuery(appearanceQuery());
            };
            if (early) startSignedInData();
            const user = await queryClient.ensureQueryData(meQuery());
            if (!user) throw redirect(loginPathFor(new URL(request.url)));
            if (!early) startSignedInData();
            return null;
          },
          lazy: async () => ({
            Component: (await import("../features/session/SignedInLayout.tsx")).SignedInLayout,
          }),
          children: [
            {
              index: true,
              lazy: async () => ({
                Component: (await import("../features/home/HomePage.tsx")).HomePage,
              }),
            },
            {
              path: "settings/security",
              loader: () => {
                // Runs alongside the parent's loader, so these start with `users/me`.
                if (hasSessionHint()) void queryClient.prefetchQuery(loginTypeQuery());
                void queryClient.prefetchQuery(authMethodsQuery());
                return null;
              },
              lazy: async () => ({
                Component: (await import("../features/settings/SecurityPage.tsx")).SecurityPage,
              }),
            },
          ],
        },
        {
          path: "*",
          lazy: async () => ({ Component: (await import("./NotFoundPage.tsx")).NotFoundPage }),
        },
      ],
    },
  ];
}
