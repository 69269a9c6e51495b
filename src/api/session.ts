// Who is signed in, how one signs in, and signing out.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { AuthMethods, BuildInfo, LoginWithPasswordResponse, User } from "./schemas.ts";
import { hasSessionHint, noteSignedOutByServer, setSessionHint } from "./session-hint.ts";

/**
 * Coder's refusal of a session whose account is suspended (httpmw.ExtractAPIKey). Single sign-on
 * still hands a suspended account a session; this is how the first request with it ends.
 */
export function isSuspendedAccount(error: unknown): boolean {
  return (
    isApiError(error) &&
    error.status === 401 &&
    error.message.startsWith('User is not active (status = "suspended")')
  );
}

/**
 * The signed-in user, or `null` when signed out (401): signed out is a state, not an error. A
 * suspended account is the exception: it stays an error, so pages can say why nobody is in.
 */
export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }): Promise<User | null> => {
      try {
        const user = await apiRequest("/users/me", { schema: User, signal });
        setSessionHint(true);
        return user;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          noteSignedOutByServer();
          if (isSuspendedAccount(error)) throw error;
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });

/**
 * For signed-out pages: ask who is signed in only when this browser may be, or when the caller
 * knows a session may have just arrived (single sign-on sets no hint). Protected pages always ask.
 */
export const maybeMeQuery = (askAnyway = false) => ({
  ...meQuery(),
  enabled: askAnyway || hasSessionHint(),
});

export const authMethodsQuery = () =>
  queryOptions({
    queryKey: queryKeys.authMethods,
    queryFn: ({ signal }) => apiRequest("/users/authmethods", { schema: AuthMethods, signal }),
    staleTime: 5 * 60_000,
  });

/** The server's version, for the sign-in pages' footer. Fixed for the life of the page. */
export const buildInfoQuery = () =>
  queryOptions({
    queryKey: queryKeys.buildInfo,
    queryFn: ({ signal }) => apiRequest("/buildinfo", { schema: BuildInfo, signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export interface LoginVariables {
  email: string;
  password: string;
}

/** Sign in, then load the user before anyone navigates, so the next page renders at once. */
export const loginMutation = (queryClient: QueryClient) => ({
  mutationKey: ["login"],
  mutationFn: async (variables: LoginVariables) => {
    await apiRequest("/users/login", {
      method: "POST",
      body: variables,
      schema: LoginWithPasswordResponse,
    });
    // The session token also comes back in the body; it is deliberately dropped: the HttpOnly
    // cookie is the only place it should live.
    queryClient.removeQueries({ queryKey: queryKeys.me });
    return queryClient.fetchQuery(meQuery());
  },
});

/** Sign out. Whatever the server says, this browser forgets the user. */
export const logoutMutation = (queryClient: QueryClient) => ({
  mutationKey: ["logout"],
  mutationFn: async () => {
    try {
      await apiRequest("/users/logout", { method: "POST" });
    } catch (error) {
      // Already signed out on the server: that is what we wanted.
      if (!(isApiError(error) && error.status === 401)) throw error;
    }
  },
  onSuccess: () => forgetSession(queryClient),
});

/** Drop everything tied to the signed-in user, and record that nobody is. */
export function forgetSession(queryClient: QueryClient) {
  setSessionHint(false);
  queryClient.removeQueries({ queryKey: queryKeys.me });
  queryClient.setQueryData(queryKeys.me, null);
}
