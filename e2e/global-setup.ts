// Builds the app once for the whole run; each worker then serves that build with its own mock
// deployment (see the `server` fixture in fixtures.ts), so workers never share state.
import { execSync } from "node:child_process";

export default function globalSetup() {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  execSync("npm run build", { stdio: ["ignore", "ignore", "inherit"] });
}
