// The forgotten-password flow: ask Coder to email a one-time passcode, then trade it for a new
// password. Both endpoints answer 204 with no body, and neither signs anyone in.
import type { QueryClient } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { queryKeys } from "./keys.ts";
import { publishSessionEvent } from "./session-events.ts";

export interface RequestOneTimePasscodeVariables {
  email: string;
}

/**
 * Ask for a passcode by email. Coder answers 204 whether or not the address has an account, so
 * success means "asked", never "an email was sent".
 */
export const requestOneTimePasscodeMutation = () => ({
  mutationKey: ["otp", "request"],
  mutationFn: (variables: RequestOneTimePasscodeVariables) =>
    apiRequest("/users/otp/request", { method: "POST", body: { email: variables.email } }),
});

export interface ChangePasswordWithPasscodeVariables {
  email: string;
  password: string;
  one_time_passcode: string;
}

/** Set a new password with a passcode. On success Coder has revoked every session of the user. */
export const changePasswordWithPasscodeMutation = (queryClient: QueryClient) => ({
  mutationKey: ["otp", "change-password"],
  mutationFn: (variables: ChangePasswordWithPasscodeVariables) =>
    apiRequest("/users/otp/change-password", {
      method: "POST",
      body: {
        email: variables.email,
        password: variables.password,
        one_time_passcode: variables.one_time_passcode,
      },
    }),
  // The variables hold a password and a passcode: drop the finished mutation at once.
  gcTime: 0,
  onSuccess: () => {
    // If this browser was signed in as that user, the session is gone now: whatever the cache
    // says about who is signed in must be asked again, not trusted.
    queryClient.removeQueries({ queryKey: queryKeys.me });
    publishSessionEvent("password-reset");
  },
});
