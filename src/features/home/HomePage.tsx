import { Link } from "react-router";
import { usePermissions } from "../../api/permissions.ts";
import { AppPage } from "../../components/AppPage.tsx";
import { loginTypeLabel } from "../../session/login-types.ts";
import { useCurrentUser } from "../../session/useCurrentUser.ts";

export function HomePage() {
  const user = useCurrentUser();
  // Coder lists only explicit roles; everyone is also a member (the dashboard shows it too).
  const roles = [
    { name: "member", display_name: "Member", organization_id: undefined },
    ...(user.roles ?? []).filter((role) => role.name !== "member"),
  ];
  // Offered unless the server says no: every built-in role may, so don't hide it while asking.
  const canUpdateOwnAccount = usePermissions().data?.updateOwnAccount !== false;
  return (
    <AppPage title="Your account">
      <section className="section" aria-labelledby="who-heading">
        <h2 id="who-heading">{user.name || user.username}</h2>
        <dl className="facts">
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Username</dt>
          <dd>{user.username}</dd>
          <dt>Signs in with</dt>
          <dd>{loginTypeLabel(user.login_type)}</dd>
          <dt>Roles</dt>
          <dd>
            <ul className="tags">
              {roles.map((role) => (
                <li key={`${role.organization_id ?? "site"}:${role.name}`}>
                  {role.display_name || role.name}
                  {role.organization_id ? (
                    <span className="visually-hidden"> (organization)</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>
      <section className="section" aria-labelledby="security-heading">
        <h2 id="security-heading">Security</h2>
        {canUpdateOwnAccount ? (
          <>
            <p>
              {user.login_type === "password"
                ? "Change your password, or switch this account to single sign-on."
                : "See how this account signs in."}
            </p>
            <Link className="button secondary" to="/settings/security">
              Open security settings
            </Link>
          </>
        ) : (
          <p>
            This account can't change its own sign-in settings. Ask an administrator for changes.
          </p>
        )}
      </section>
    </AppPage>
  );
}
