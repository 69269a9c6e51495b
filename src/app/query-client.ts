import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "../api/errors.ts";
import { queryKeys } from "../api/keys.ts";

/** Retry what a second try can fix (no answer, a 5xx), never what it can't (4xx, bad bodies). */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const transient = error.kind === "network" || (error.kind === "response" && error.status >= 500);
  return transient && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    // A 401 anywhere may mean the session ended (or, from convert-login, only a wrong password).
    // Don't guess: re-ask who is signed in; the route guard acts if the answer is "nobody".
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== queryKeys.me[0])
          void queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true });
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401 && queryClient.getQueryData(queryKeys.me))
          void queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true });
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
