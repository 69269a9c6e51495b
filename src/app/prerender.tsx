// Build-time rendering of the signed-out pages to static HTML, so the form is painted before any
// JavaScript arrives. Run by scripts/prerender.ts; never part of the browser bundle.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router";
import { StaticRenderContext } from "../components/static-render.ts";
import { LoginPage } from "../features/login/LoginPage.tsx";
import { ChangePasswordPage } from "../features/reset-password/ChangePasswordPage.tsx";
import { RequestCodePage } from "../features/reset-password/RequestCodePage.tsx";

export interface PrerenderedPage {
  /** Where the page is served from (the app route). */
  path: string;
  /** The URL rendered: what the visitor most often arrives with. */
  sample: string;
  /** File name under dist/. */
  file: string;
  title: string;
  /** What the page says where JavaScript is off (index.html's note names no task). */
  noscript: string;
  Component: ComponentType;
}

export const prerenderedPages: PrerenderedPage[] = [
  {
    path: "/login",
    sample: "/login",
    file: "login.html",
    title: "Sign in",
    noscript: "Signing in needs JavaScript. Turn it on for this site, then reload the page.",
    Component: LoginPage,
  },
  {
    path: "/reset-password",
    sample: "/reset-password",
    file: "reset-password.html",
    title: "Reset your password",
    noscript:
      "Resetting your password needs JavaScript. Turn it on for this site, then reload the page.",
    Component: RequestCodePage,
  },
  {
    path: "/reset-password/change",
    // Most visitors arrive from the emailed link, which carries both.
    sample:
      "/reset-password/change?otp=00000000-0000-4000-8000-000000000000&email=someone%40example.com",
    file: "reset-password/change.html",
    title: "Choose a new password",
    noscript:
      "Choosing a new password needs JavaScript. Turn it on for this site, then open the emailed link again.",
    Component: ChangePasswordPage,
  },
];

export async function renderPage(page: PrerenderedPage): Promise<string> {
  const routes = [{ path: page.path, Component: page.Component }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://prerender.invalid${page.sample}`));
  if (context instanceof Response) throw new Error(`prerender of ${page.path} redirected`);
  const router = createStaticRouter(handler.dataRoutes, context);
  // Queries stay pending: the markup shows the page before any data, as the first client render does.
  const queryClient = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  return renderToString(
    <StaticRenderContext value={true}>
      <QueryClientProvider client={queryClient}>
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </QueryClientProvider>
    </StaticRenderContext>,
  );
}
