// A signed-in browser for component tests against the mock Coder behind msw: the session cookie
// in the mock's jar, and the CSRF token in the page's meta tag, as the server would render it.
import type { MockServer } from "../../mock/msw.ts";

export const PASSWORD = "SomeSecurePassword!";

export async function signInAs(server: MockServer, email: string, password = PASSWORD) {
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
    credentials: "same-origin",
  });
  if (response.status !== 201) throw new Error(`sign-in as ${email} failed: ${response.status}`);
  const page = new URL(window.location.href);
  const { token, setCookie } = server.mock.csrfForDocument(server.cookies.cookieHeader(page, null));
  if (setCookie) server.cookies.store(page, [setCookie]);
  let meta = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]');
  if (!meta) {
    meta = document.createElement("meta");
    meta.setAttribute("property", "csrf-token");
    document.head.append(meta);
  }
  meta.content = token;
}
