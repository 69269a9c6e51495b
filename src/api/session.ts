// Who is signed in, how one signs in, and signing out.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { AuthMethods, LoginWithPasswordResponse, User } from "./schemas.ts";
import { hasSessionHint, noteSignedOutByServer, setSessionHint } from "./session-hint.ts";

/** The signed-in user, or `null` when signed out (401): signed out is a state, not an error. */
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
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });

/**
 * For signed-out pages: ask who is signed in only when this browser may be. Protected pages
 * always ask (a session can also arrive through single sign-on, which sets no hint).
 */
export const maybeMeQuery = () => ({ ...meQuery(), enabled: hasSessionHint() });

export const authMethodsQuery = () =>
  queryOptions({
    queryKey: queryKeys.authMethods,
    queryFn: ({ signal }) => apiRequest("/users/authmethods", { schema: AuthMethods, signal }),
    staleTime: 5 * 60_000,
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
