// The session token `coder login` asks the browser for (`/cli-auth`).
import { apiRequest } from "./client.ts";
import { GenerateApiKeyResponse } from "./schemas.ts";

/**
 * `POST /users/me/keys`: a new session token for the CLI, valid for a week and independent of
 * the browser's session (signing out here leaves the CLI signed in). The answer is a secret: the
 * finished mutation is dropped from the cache as soon as nobody watches it.
 */
export const createCliTokenMutation = () => ({
  mutationKey: ["cliToken"],
  mutationFn: async () =>
    (await apiRequest("/users/me/keys", { method: "POST", schema: GenerateApiKeyResponse })).key,
  gcTime: 0,
});
