// Renders the reset pages as the app does (query client, data router), with a stand-in for
// /login that shows what it was handed, and records every API request the pages send.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { SetupServer } from "msw/node";
import { createMemoryRouter, useLocation } from "react-router";
import { RouterProvider } from "react-router/dom";
import { createQueryClient } from "../../app/query-client.ts";
import { ChangePasswordPage } from "./ChangePasswordPage.tsx";
import { RequestCodePage } from "./RequestCodePage.tsx";

function LoginStandIn() {
  const location = useLocation();
  const email = (location.state as { email?: string } | null)?.email ?? "";
  return (
    <main>
      <h1>Sign in</h1>
      <p>message: {new URLSearchParams(location.search).get("message")}</p>
      <p>email: {email}</p>
    </main>
  );
}

export interface InitialEntry {
  pathname: string;
  search?: string;
  state?: unknown;
}

export function renderResetRoute(entry: string | InitialEntry) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [
      { path: "/reset-password", Component: RequestCodePage },
      { path: "/reset-password/change", Component: ChangePasswordPage },
      { path: "/login", Component: LoginStandIn },
    ],
    { initialEntries: [entry] },
  );
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, user, queryClient, ...view };
}

/** The API calls seen by the mock, as "METHOD /path", in order. */
export function recordRequests(server: SetupServer): string[] {
  const seen: string[] = [];
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/api/")) seen.push(`${request.method} ${url.pathname}`);
  });
  return seen;
}

export const CHANGE = "POST /api/v2/users/otp/change-password";
export const REQUEST = "POST /api/v2/users/otp/request";
