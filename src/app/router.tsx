import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter, Navigate, type RouteObject, redirect } from "react-router";
import { loginTypeQuery } from "../api/account.ts";
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
            if (early) void queryClient.prefetchQuery(permissionsQuery());
            const user = await queryClient.ensureQueryData(meQuery());
            // Nobody signed in. Had this browser been signed in, the session has ended: say so,
            // as the signed-in layout does when it ends during a visit.
            if (!user)
              throw redirect(
                loginPathFor(new URL(request.url), early ? "session-expired" : undefined),
              );
            if (!early) void queryClient.prefetchQuery(permissionsQuery());
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
