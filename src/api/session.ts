// Who is signed in, how one signs in, and signing out.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { AuthMethods, BuildInfo, LoginWithPasswordResponse, User } from "./schemas.ts";
import { publishSessionEvent, type SessionEvent } from "./session-events.ts";
import { hasSessionHint, noteSignedOutByServer, setSessionHint } from "./session-hint.ts";

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
          noteSignedOutByServer();
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
  onSuccess: () => publishSessionEvent("signed-in"),
});

export interface SignInAgainVariables extends LoginVariables {
  /** The account the page was showing when its session ended. */
  previousUserId: string;
}

/**
 * Sign in again without leaving the page (its session ended while it was open). What the cache
 * knows about the account stays when the same account comes back, so the page keeps its state;
 * another account's sign-in drops it.
 */
export const signInAgainMutation = (queryClient: QueryClient) => ({
  mutationKey: ["login", "again"],
  mutationFn: async ({ email, password, previousUserId }: SignInAgainVariables) => {
    await apiRequest("/users/login", {
      method: "POST",
      body: { email, password },
      schema: LoginWithPasswordResponse,
    });
    const user = await queryClient.fetchQuery({ ...meQuery(), staleTime: 0 });
    if (user?.id !== previousUserId) {
      queryClient.removeQueries({
        queryKey: queryKeys.me,
        predicate: (query) => query.queryKey.length > 1,
      });
    }
    return user;
  },
  onSuccess: () => publishSessionEvent("signed-in"),
  // The variables hold a password.
  gcTime: 0,
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
  onSuccess: () => {
    forgetSession(queryClient);
    publishSessionEvent("signed-out");
  },
});

/** Drop everything tied to the signed-in user, and record that nobody is. */
export function forgetSession(queryClient: QueryClient) {
  setSessionHint(false);
  // In place, so pages still on screen hear it (a removed query tells its observers nothing).
  queryClient.setQueryData(queryKeys.me, null);
  queryClient.removeQueries({
    queryKey: queryKeys.me,
    predicate: (query) => query.queryKey.length > 1,
  });
}

export interface SessionEnd {
  event: Extract<SessionEvent, "signed-out" | "password-changed">;
  /** When this tab heard of it (ms since the epoch). */
  at: number;
}

/**
 * Another tab signed out or changed the password: the shared cookie no longer signs anyone in, so
 * forget the user at once (no request needed), remembering why for whoever shows the news.
 */
function endSessionElsewhere(queryClient: QueryClient, event: SessionEnd["event"]) {
  queryClient.setQueryData<SessionEnd>(queryKeys.sessionEnded, { event, at: Date.now() });
  forgetSession(queryClient);
}

/**
 * When another tab of this browser last set a new password with an emailed code (ms since the
 * epoch), or null. Set by the session events alone, never fetched; which account it was for is
 * never said between tabs.
 */
export const passwordResetElsewhereQuery = () =>
  queryOptions({
    queryKey: queryKeys.passwordResetElsewhere,
    queryFn: (): number | null => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Why the session ended, if another tab said so. */
export function sessionEndedElsewhere(queryClient: QueryClient): SessionEnd | undefined {
  return queryClient.getQueryData<SessionEnd>(queryKeys.sessionEnded);
}

/** What this tab does when another tab's session changes (see session-events.ts). */
export function handleSessionEvent(queryClient: QueryClient, event: SessionEvent) {
  switch (event) {
    case "signed-out":
    case "password-changed":
      endSessionElsewhere(queryClient, event);
      return;
    case "signed-in":
      // Somebody signed in, so the deployment has users; and maybe this tab now has a session.
      queryClient.setQueryData(queryKeys.firstUser, true);
      void queryClient.fetchQuery({ ...meQuery(), staleTime: 0 }).catch(() => undefined);
      return;
    case "password-reset":
      queryClient.setQueryData(queryKeys.passwordResetElsewhere, Date.now());
      // A reset ends the sessions of the account it was for, which may or may not be this one.
      if (queryClient.getQueryData(queryKeys.me))
        void queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true });
      return;
  }
}
