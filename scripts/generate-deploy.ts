// Writes the deployment configs in deploy/ from the owned-routes list (server/deploy-config.ts).
//   npm run deploy:generate
// server/deploy-config.test.ts fails when the committed files differ from what this writes.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DEPLOY_FILES, renderAll } from "../server/deploy-config.ts";

const root = join(import.meta.dirname, "..");
const rendered = renderAll();
for (const [key, file] of Object.entries(DEPLOY_FILES)) {
  const target = join(root, file);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, rendered[key as keyof typeof DEPLOY_FILES]);
  console.log(`wrote ${file}`);
}
