// An owner is told when the deployment's Coder is outside the tested range; nobody else is, and
// nothing is blocked.
import { configure, screen } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { AppRoutes } from "../../app/router.tsx";
import { renderInRouter } from "../../testing/render-app.tsx";
import { signInAs } from "../../testing/session.ts";

configure({ asyncUtilTimeout: 5000 });
const mockServer = setupMockCoder();

function deploymentRuns(version: string) {
  mockServer.server.use(
    http.get("*/api/v2/buildinfo", () =>
      HttpResponse.json({ version, external_url: "https://github.com/coder/coder" }),
    ),
  );
}

async function openSettingsAs(email: string) {
  await signInAs(mockServer, email);
  renderInRouter("/settings/security", <AppRoutes />);
  await screen.findByRole("heading", { level: 1, name: "Security" });
  // The page's own content is in: the notice, if any, had its data by then.
  await screen.findByRole("heading", { name: "Password" });
}

const notice = () => screen.queryByText(/This deployment runs Coder/);

describe("the Coder version notice on the security settings", () => {
  it("tells an owner of a newer Coder, with both versions", async () => {
    deploymentRuns("v2.31.2");
    await openSettingsAs("admin@coder.com");
    expect(await screen.findByText(/This deployment runs Coder v2\.31\.2\./)).toHaveTextContent(
      /tested with Coder v2\.30\. Check that signing in and resetting a password still work/,
    );
  });

  it("tells an owner of an older Coder", async () => {
    deploymentRuns("v2.17.0");
    await openSettingsAs("admin@coder.com");
    expect(await screen.findByText(/This deployment runs Coder v2\.17\.0\./)).toHaveTextContent(
      "Some of them may not work until Coder is upgraded.",
    );
  });

  it("says nothing to an owner of a tested Coder (the mock's)", async () => {
    await openSettingsAs("admin@coder.com");
    await new Promise((done) => setTimeout(done, 100));
    expect(notice()).toBeNull();
  });

  it.each(["user-admin@coder.com", "member@coder.com", "auditor@coder.com"])(
    "says nothing to %s, who cannot change the deployment",
    async (email) => {
      deploymentRuns("v2.31.0");
      await openSettingsAs(email);
      await new Promise((done) => setTimeout(done, 100));
      expect(notice()).toBeNull();
    },
  );
});
