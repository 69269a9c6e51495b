// Who is signed in, how one signs in, and signing out.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { AuthMethods, BuildInfo, LoginWithPasswordResponse, User } from "./schemas.ts";
import { hasSessionHint, setSessionHint } from "./session-hint.ts";

/**
 * Coder's refusal of a session whose account is suspended (httpmw.ExtractAPIKey). Single sign-on
 * still hands a suspended account a session; this is how the first request with it ends.
 */
function isSuspendedAccount(error: unknown): boolean {
  return (
    isApiError(error) &&
    error.status === 401 &&
    error.message.startsWith('User is not active (status = "suspended")')
  );
}

/** Why the last `users/me` found nobody signed in, when Coder said why. */
export type SignedOutReason = "account-suspended";

/**
 * Set by `meQuery` alone (never fetched): null when someone is signed in or no reason was given.
 * A reason, not an error on `meQuery`: the session guard reads that query with suspense, and a
 * suspense query that fails before the app's first commit is fetched again on every retry.
 */
export const signedOutReasonQuery = () =>
  queryOptions({
    queryKey: queryKeys.signedOutReason,
    queryFn: (): SignedOutReason | null => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

/**
 * The signed-in user, or `null` when signed out (401): signed out is a state, not an error. When
 * Coder refused the session for a reason worth telling (a suspended account), that reason goes to
 * `signedOutReasonQuery`.
 */
export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.me,
    queryFn: async ({ signal, client }): Promise<User | null> => {
      // Written only when it changes, so the pages reading it re-render only then.
      const recordReason = (reason: SignedOutReason | null) => {
        if ((client.getQueryData(queryKeys.signedOutReason) ?? null) !== reason)
          client.setQueryData(queryKeys.signedOutReason, reason);
      };
      try {
        const user = await apiRequest("/users/me", { schema: User, signal });
        setSessionHint(true);
        recordReason(null);
        return user;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setSessionHint(false);
          recordReason(isSuspendedAccount(error) ? "account-suspended" : null);
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
