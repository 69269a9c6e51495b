// A deployment's first user: whether there is one yet, and creating it (`/setup`).
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { CoderResponse, CreateFirstUserResponse } from "./schemas.ts";

/**
 * Whether the deployment has any user: `GET /users/first` answers 200, or Coder's own 404 when
 * nobody has set it up. Once true it stays true, so one answer per page load is enough. A 404
 * that isn't Coder's (a proxy's page) is an error, not "no users": nobody is sent to /setup
 * because of a misconfigured proxy.
 */
export const firstUserQuery = () =>
  queryOptions({
    queryKey: queryKeys.firstUser,
    queryFn: async ({ signal }): Promise<boolean> => {
      try {
        await apiRequest("/users/first", { schema: CoderResponse, signal });
        return true;
      } catch (error) {
        if (isApiError(error) && error.status === 404 && error.fromServer) return false;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

export interface CreateFirstUserVariables {
  email: string;
  username: string;
  /** Optional; "" leaves it unset. */
  name: string;
  password: string;
  /** Ask Coder's licensor for an Enterprise trial, with what it wants to know (`trial_info`). */
  trial?: Record<string, string> | undefined;
}

/**
 * `POST /users/first`. No session comes with it: sign in with the same credentials next. With a
 * trial, Coder asks its licensor first and creates nobody when that fails (500 "Failed to
 * generate trial").
 */
export const createFirstUserMutation = (queryClient: QueryClient) => ({
  mutationKey: ["firstUser"],
  mutationFn: (variables: CreateFirstUserVariables) =>
    apiRequest("/users/first", {
      method: "POST",
      body: {
        email: variables.email,
        username: variables.username,
        name: variables.name,
        password: variables.password,
        trial: variables.trial !== undefined,
        ...(variables.trial ? { trial_info: variables.trial } : {}),
      },
      schema: CreateFirstUserResponse,
    }),
  onSuccess: () => queryClient.setQueryData(queryKeys.firstUser, true),
  // 409: someone else created the first user meanwhile. Either way the deployment has one now.
  onError: (error: unknown) => {
    if (isApiError(error) && error.status === 409)
      queryClient.setQueryData(queryKeys.firstUser, true);
  },
  // The variables hold a password.
  gcTime: 0,
});
