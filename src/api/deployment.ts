// What the deployment has switched on, as Coder's dashboard reads it to decide which settings
// pages to offer: licensed features (GET /entitlements), experiments (GET /experiments) and
// whether it is a development build (GET /buildinfo, in session.ts).
import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { queryKeys } from "./keys.ts";
import { Entitlements, Experiments } from "./schemas.ts";

/** Both change only with a licence or a restart of Coder. */
const DEPLOYMENT_STALE_MS = 10 * 60_000;

export const entitlementsQuery = () =>
  queryOptions({
    queryKey: queryKeys.entitlements,
    queryFn: ({ signal }) => apiRequest("/entitlements", { schema: Entitlements, signal }),
    staleTime: DEPLOYMENT_STALE_MS,
  });

export const experimentsQuery = () =>
  queryOptions({
    queryKey: queryKeys.experiments,
    queryFn: ({ signal }) => apiRequest("/experiments", { schema: Experiments, signal }),
    staleTime: DEPLOYMENT_STALE_MS,
  });
