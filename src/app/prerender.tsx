// Build-time rendering of the signed-out pages to static HTML, so the form is painted before any
// JavaScript arrives. Run by scripts/prerender.ts; never part of the browser bundle.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { Route, Routes, StaticRouter } from "react-router";
import { StaticRenderContext } from "../components/static-render.ts";
import type { AppPage } from "./owned-routes.ts";
import { pages } from "./routes.ts";

export interface PrerenderedPage {
  /** Where the page is served from (the app route). */
  path: AppPage;
  /** The URL rendered: what the visitor most often arrives with. */
  sample: string;
  /** File name under dist/. */
  file: string;
  /** The tab's title as the page sets it with Coder's defaults (the deployment's name may follow). */
  title: string;
  /** What the page says where JavaScript is off (index.html's note names no task). */
  noscript: string;
}

export const prerenderedPages: PrerenderedPage[] = [
  {
    path: "/login",
    sample: "/login",
    file: "login.html",
    title: "Sign in to Coder",
    noscript: "Signing in needs JavaScript. Turn it on for this site, then reload the page.",
  },
  {
    path: "/reset-password",
    sample: "/reset-password",
    file: "reset-password.html",
    title: "Reset your password · Coder",
    noscript:
      "Resetting your password needs JavaScript. Turn it on for this site, then reload the page.",
  },
  {
    path: "/reset-password/change",
    // Most visitors arrive from the emailed link, which carries both.
    sample:
      "/reset-password/change?otp=00000000-0000-4000-8000-000000000000&email=someone%40example.com",
    file: "reset-password/change.html",
    title: "Choose a new password · Coder",
    noscript:
      "Choosing a new password needs JavaScript. Turn it on for this site, then open the emailed link again.",
  },
  {
    path: "/setup",
    sample: "/setup",
    file: "setup.html",
    title: "Set up Coder",
    noscript:
      "Creating the first account needs JavaScript. Turn it on for this site, then reload the page.",
  },
  {
    // It needs a session, so there is no form to paint: the card and its "making a token"
    // status, which the app keeps (signed in) or replaces with the sign-in page (signed out).
    // Better than a blank page while the app checks.
    path: "/cli-auth",
    sample: "/cli-auth",
    file: "cli-auth.html",
    title: "CLI sign-in",
    noscript:
      "Signing in the command line needs JavaScript. Turn it on for this site, then run coder login again.",
  },
];

/**
 * The page's markup as the app's first commit renders it: the same component the route table
 * loads, under a router at the sample URL (the layout and error boundary above it add no markup).
 */
export async function renderPage(page: PrerenderedPage): Promise<string> {
  const route = pages[page.path];
  if (!route) throw new Error(`${page.path} has no page in the route table`);
  if (route.signedIn)
    throw new Error(`${page.path} needs a session: there is nothing to prerender`);
  const Page = await route.preload();
  // Queries stay pending: the markup shows the page before any data, as the first client render does.
  const queryClient = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  return renderToString(
    <StaticRenderContext value={true}>
      <QueryClientProvider client={queryClient}>
        <StaticRouter location={page.sample}>
          <Routes>
            <Route path={page.path} element={<Page />} />
          </Routes>
        </StaticRouter>
      </QueryClientProvider>
    </StaticRenderContext>,
  );
}
