// This build's version (package.json), written in by the build (scripts/build-version.ts).

/** The version of this app, e.g. "0.1.0"; "dev" where no build set it. */
export const APP_VERSION: string =
  (import.meta.env.VITE_AUTH_UI_VERSION as string | undefined) ?? "dev";
