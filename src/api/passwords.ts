// The password endpoints: live validation, the one-time-passcode reset, and changing a password.
import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { queryKeys } from "./keys.ts";
import { ValidatePasswordResponse } from "./schemas.ts";

/** The server's verdict on a candidate password. Cached per password, in memory only. */
export const validatePasswordQuery = (password: string) =>
  queryOptions({
    queryKey: queryKeys.validatePassword(password),
    queryFn: ({ signal }) =>
      apiRequest("/users/validate-password", {
        method: "POST",
        body: { password },
        schema: ValidatePasswordResponse,
        signal,
      }),
    staleTime: Number.POSITIVE_INFINITY,
    // Passwords must not linger in the cache once nobody is looking at them.
    gcTime: 0,
    retry: false,
  });
