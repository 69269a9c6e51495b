import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter, Navigate, redirect } from "react-router";
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
  const startSignedOutData = () => {
    void queryClient.prefetchQuery(authMethodsQuery());
    if (hasSessionHint()) void queryClient.prefetchQuery(meQuery());
    return null;
  };

  return createBrowserRouter([
    {
      Component: RootLayout,
      ErrorBoundary: RouteError,
      children: [
        {
          path: "/login",
          loader: startSignedOutData,
          lazy: async () => ({ Component: (await import("../features/login/LoginPage.tsx")).LoginPage }),
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
        { path: "/.well-known/change-password", element: <Navigate to="/settings/security" replace /> },
        {
          // Everything below needs a session.
          loader: async ({ request }) => {
            const user = await queryClient.ensureQueryData(meQuery());
            if (!user) throw redirect(loginPathFor(new URL(request.url)));
            return null;
          },
          lazy: async () => ({
            Component: (await import("../features/session/SignedInLayout.tsx")).SignedInLayout,
          }),
          children: [
            {
              index: true,
              lazy: async () => ({ Component: (await import("../features/home/HomePage.tsx")).HomePage }),
            },
            {
              path: "settings/security",
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
  ]);
}
