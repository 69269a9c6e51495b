import { useQuery } from "@tanstack/react-query";
import { usePermissions } from "../../api/permissions.ts";
import { buildInfoQuery } from "../../api/session.ts";
import { Alert } from "../../components/Alert.tsx";
import { APP_VERSION } from "../../lib/build-info.ts";
import { coderVersionSupport, testedRangeText } from "../../lib/coder-versions.ts";

/**
 * Tells an owner (who can do something about it) when the deployment's Coder is outside the
 * releases these pages were tested with. Nobody else sees it, and it blocks nothing: sign-in
 * goes on working as well as the deployment's API allows.
 */
export function CoderVersionNotice() {
  const owner = usePermissions().data?.manageDeployment === true;
  const version = useQuery({ ...buildInfoQuery(), enabled: owner }).data?.version;
  if (!owner || !version) return null;
  const support = coderVersionSupport(version);
  if (support !== "older" && support !== "newer") return null;
  return (
    <Alert tone="warning">
      <p>
        This deployment runs Coder {version}. These sign-in pages (version {APP_VERSION}) were
        tested with Coder {testedRangeText()}.{" "}
        {support === "older"
          ? "Some of them may not work until Coder is upgraded."
          : "Check that signing in and resetting a password still work, and look for a newer version of these pages."}
      </p>
    </Alert>
  );
}
