// @vitest-environment jsdom
// (jsdom gives the page origin that the app's relative /api/v2 URLs resolve against.)
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { createElement, type ReactNode } from "react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { isApiError } from "./errors.ts";
import { appPermissionChecks, permissionsQuery, usePermissions } from "./permissions.ts";
import { forgetSession, meQuery } from "./session.ts";

const { mock, server, cookies } = setupMockCoder();
const seen: string[] = [];
beforeAll(() => {
  server.events.on("request:start", ({ request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
  });
});
afterEach(() => {
  seen.length = 0;
  document.head.querySelector('meta[property="csrf-token"]')?.remove();
});

async function signIn(email: string) {
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "SomeSecurePassword!" }),
  });
  expect(response.status).toBe(201);
  // authcheck is a POST: it needs the CSRF token the server's HTML would carry.
  const meta = document.createElement("meta");
  meta.setAttribute("property", "csrf-token");
  meta.content = mock.csrfForDocument(cookies.cookieHeader(new URL(location.href), null)).token;
  document.head.append(meta);
  seen.length = 0;
}

const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

describe("permissionsQuery", () => {
  it.each([
    ["admin@coder.com", "owner", true, true],
    ["user-admin@coder.com", "user-admin", true, false],
    ["member@coder.com", "member", false, false],
    ["auditor@coder.com", "auditor", false, false],
    ["template-admin@coder.com", "template-admin", false, false],
  ])(
    "answers the app's checks for %s (%s)",
    async (email, _role, manageUsers, manageDeployment) => {
      await signIn(email);
      const permissions = await client().fetchQuery(permissionsQuery());
      expect(permissions).toEqual({ updateOwnAccount: true, manageUsers, manageDeployment });
      expect(seen).toEqual(["POST /api/v2/authcheck"]);
    },
  );

  it("keys the cache by the set of checks, whatever the order of its fields", () => {
    const reordered = {
      manageDeployment: { action: "update", object: { resource_type: "deployment_config" } },
      manageUsers: { action: "update", object: { resource_type: "user" } },
      updateOwnAccount: {
        action: "update_personal",
        object: { owner_id: "me", resource_type: "user" },
      },
    };
    expect(permissionsQuery(reordered).queryKey).toEqual(permissionsQuery().queryKey);
    expect(permissionsQuery(appPermissionChecks).queryKey).toEqual(permissionsQuery().queryKey);
    const other = { readUsers: { object: { resource_type: "user" }, action: "read" } };
    expect(permissionsQuery(other).queryKey).not.toEqual(permissionsQuery().queryKey);
    // Under the signed-in user's prefix, which signing out drops.
    expect(permissionsQuery().queryKey[0]).toBe("me");
  });

  it("answers any named set, and counts a key the server leaves out as no", async () => {
    await signIn("auditor@coder.com");
    const checks = {
      readAuditLog: { object: { resource_type: "audit_log", any_org: true }, action: "read" },
      editDeployment: { object: { resource_type: "deployment_config" }, action: "update" },
    };
    expect(await client().fetchQuery(permissionsQuery(checks))).toEqual({
      readAuditLog: true,
      editDeployment: false,
    });
    server.use(http.post("*/api/v2/authcheck", () => HttpResponse.json({ readAuditLog: true })));
    expect(await client().fetchQuery(permissionsQuery(checks))).toEqual({
      readAuditLog: true,
      editDeployment: false,
    });
  });

  it("is dropped when the session is forgotten", async () => {
    await signIn("member@coder.com");
    const queryClient = client();
    await queryClient.fetchQuery(permissionsQuery());
    forgetSession(queryClient);
    expect(queryClient.getQueryData(permissionsQuery().queryKey)).toBeUndefined();
  });

  it("fails with Coder's 401 when nobody is signed in", async () => {
    const error = await client()
      .fetchQuery(permissionsQuery())
      .catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(401);
  });
});

describe("usePermissions", () => {
  const wrapper = (queryClient: QueryClient) =>
    function Wrapper({ children }: { children: ReactNode }) {
      return createElement(QueryClientProvider, { client: queryClient }, children);
    };

  it("asks once someone is signed in", async () => {
    await signIn("admin@coder.com");
    const { result } = renderHook(() => usePermissions(), { wrapper: wrapper(client()) });
    await waitFor(() =>
      expect(result.current.data).toEqual({
        updateOwnAccount: true,
        manageUsers: true,
        manageDeployment: true,
      }),
    );
    expect(seen.filter((r) => r.endsWith("/authcheck"))).toHaveLength(1);
  });

  it("sends nothing while nobody is signed in", async () => {
    const { result } = renderHook(
      () => ({ permissions: usePermissions(), me: useQuery(meQuery()) }),
      { wrapper: wrapper(client()) },
    );
    // Once the app knows nobody is signed in, the permissions query has had its chance to start:
    // an enabled query is fetching in the same render.
    await waitFor(() => expect(result.current.me.data).toBeNull());
    expect(result.current.permissions.fetchStatus).toBe("idle");
    expect(result.current.permissions.data).toBeUndefined();
    expect(seen).toEqual(["GET /api/v2/users/me"]);
  });
});
