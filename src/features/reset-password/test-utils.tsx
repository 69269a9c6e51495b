// Renders the reset pages as the app does (query client, declarative router), with a stand-in for
// /login that shows what it was handed, and records every API request the pages send.
import type { SetupServer } from "msw/node";
import { Route, Routes, useLocation } from "react-router";
import { type Entry, renderInRouter } from "../../testing/render-app.tsx";
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

export type InitialEntry = Exclude<Entry, string>;

export function renderResetRoute(entry: Entry) {
  return renderInRouter(
    entry,
    <Routes>
      <Route path="/reset-password" element={<RequestCodePage />} />
      <Route path="/reset-password/change" element={<ChangePasswordPage />} />
      <Route path="/login" element={<LoginStandIn />} />
    </Routes>,
  );
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
