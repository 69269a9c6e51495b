import { useState } from "react";
import type { AuthMethods } from "../../api/schemas.ts";
import { Button } from "../../components/Button.tsx";
import { ProviderIcon } from "../../sso/ProviderIcon.tsx";
import { type SsoOption, ssoOptions } from "../../sso/providers.ts";
import { ConvertDialog } from "./ConvertDialog.tsx";

export const SSO_DOCS_URL = "https://coder.com/docs/admin/users/oidc-auth";

interface SingleSignOnSectionProps {
  email: string;
  methods: AuthMethods;
  /** Owners and user admins: told how single sign-on gets turned on when it isn't. */
  canManageUsers: boolean;
}

/** For password accounts: one switch per provider the deployment offers. */
export function SingleSignOnSection({ email, methods, canManageUsers }: SingleSignOnSectionProps) {
  const options = ssoOptions(methods);
  // The chosen provider (the same object until the dialog closes).
  const [chosen, setChosen] = useState<SsoOption | null>(null);

  return (
    <section className="section" aria-labelledby="sso-heading">
      <h2 id="sso-heading">Single sign-on</h2>
      {options.length > 0 ? (
        <>
          <p>
            Sign in through your identity provider instead of a password. The switch is one-way.
          </p>
          <ul className="stack plain-list">
            {options.map((option) => (
              <li key={option.provider}>
                <Button variant="secondary" onClick={() => setChosen(option)}>
                  <ProviderIcon option={option} />
                  Switch to {option.label}
                </Button>
              </li>
            ))}
          </ul>
          <ConvertDialog option={chosen} email={email} onClose={() => setChosen(null)} />
        </>
      ) : (
        <>
          <p>
            This deployment has no single sign-on provider set up, so there is nothing to switch to.
          </p>
          {canManageUsers ? (
            <p>
              An owner turns it on in the server's configuration (GitHub or OpenID Connect), then
              restarts Coder; the option to switch shows up here afterwards.{" "}
              <a href={SSO_DOCS_URL} target="_blank" rel="noreferrer noopener">
                How to set up OpenID Connect
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
