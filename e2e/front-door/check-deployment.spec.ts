// `npm run check-deployment` against each real front door of the suite (nginx, Caddy, the image,
// and over HTTPS): what an operator runs against a deployment must pass on a good one. (Its
// failures, one per broken thing, are scripts/check-deployment.test.ts's.)
import { checkDeployment } from "../../scripts/check-deployment.ts";
import { expect, test } from "../fixtures.ts";

test("check-deployment passes against this front door", async ({ baseURL }) => {
  const url = new URL(baseURL ?? "");
  const report = await checkDeployment(url.origin, {
    insecure: url.protocol === "https:",
    // Caddy cannot add the seam script (README, "What your users see").
    noSeam: test.info().project.name.startsWith("caddy"),
  });
  expect(report.failures).toEqual([]);
  expect(report.checks).toBeGreaterThan(50);
  expect(report.versions.coder).toMatch(/^v2\./);
});
