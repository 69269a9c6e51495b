// The signed-in user's own sign-in settings: how they sign in, changing the password, and
// converting the account to single sign-on. `{user}` is always `me`, as in Coder's dashboard.
import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { queryKeys } from "./keys.ts";
import { LoginTypeResponse, OAuthConversionResponse, type SsoProvider } from "./schemas.ts";
import { publishSessionEvent } from "./session-events.ts";
import { setSessionHint } from "./session-hint.ts";

/** `password`, `github`, `oidc`, `token`, `none` (or whatever a newer Coder adds). */
export const loginTypeQuery = () =>
  queryOptions({
    queryKey: queryKeys.loginType,
    queryFn: async ({ signal }) =>
      (await apiRequest("/users/me/login-type", { schema: LoginTypeResponse, signal })).login_type,
    staleTime: 60_000,
  });

export interface ChangePasswordVariables {
  old_password: string;
  password: string;
}

/**
 * `PUT /users/me/password`. On success Coder revokes every session of the user, this one
 * included, so the browser stops claiming to be signed in at once; the page forgets the cached
 * user (`forgetSession`) once it has left the signed-in layout.
 */
export const changePasswordMutation = () => ({
  mutationKey: ["changePassword"],
  mutationFn: (variables: ChangePasswordVariables) =>
    apiRequest("/users/me/password", { method: "PUT", body: variables }),
  onSuccess: () => {
    setSessionHint(false);
    // The other tabs share the session that just ended.
    publishSessionEvent("password-changed");
  },
  // The variables hold passwords: don't keep the finished mutation around.
  gcTime: 0,
});

export interface ConvertLoginVariables {
  to_type: SsoProvider;
  password: string;
}

/**
 * `POST /users/me/convert-login`: starts the one-way switch to single sign-on. The answer's
 * `state_string` goes to the provider's callback as `oidc_merge_state`; the server also sets the
 * HttpOnly `coder_oauth_convert_jwt` cookie that completes the switch. A wrong password is a 401
 * from here, which is not a lost session (the query client re-asks `users/me` to be sure).
 */
export const convertLoginMutation = () => ({
  mutationKey: ["convertLogin"],
  mutationFn: (variables: ConvertLoginVariables) =>
    apiRequest("/users/me/convert-login", {
      method: "POST",
      body: variables,
      schema: OAuthConversionResponse,
    }),
  gcTime: 0,
});
