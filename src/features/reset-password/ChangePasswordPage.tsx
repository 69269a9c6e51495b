import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { authMethodsQuery } from "../../api/session.ts";
import { DeferredForm, deferredForm } from "../../components/DeferredForm.tsx";
import { useAuthChrome } from "../../components/useAuthChrome.ts";
import { ChangePasswordPageView } from "./ChangePasswordPageView.tsx";
import { emailSearch, type ResetLink, readResetLink } from "./passcode.ts";
import { ResetPasswordFormStandIn } from "./ResetPasswordFormStandIn.tsx";
import { ResetPasswordFormView } from "./ResetPasswordFormView.tsx";

interface LinkState extends ResetLink {
  /** Bumped when another link arrives while the page is open, so the form starts over. */
  version: number;
}

// The form's code (react-hook-form, the password rule) downloads when someone starts using it.
const resetPasswordForm = deferredForm(
  async () => (await import("./ResetPasswordForm.tsx")).ResetPasswordForm,
);

const hasPasscode = (search: string) => new URLSearchParams(search).has("otp");

/**
 * `/reset-password/change?otp=<code>&email=<address>`, the link Coder emails. The link is read
 * during the first render, then the code leaves the address bar: it lives in memory only, never in
 * the URL, history entries or router state.
 */
export function ChangePasswordPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const methods = useQuery(authMethodsQuery());
  const chrome = useAuthChrome();
  const [link, setLink] = useState<LinkState>(() => ({
    ...readResetLink(location.search),
    version: 0,
  }));

  // Runs again after its own navigation, which finds no code in the address and does nothing.
  useEffect(() => {
    if (!hasPasscode(location.search)) return;
    const fresh = readResetLink(location.search);
    setLink((current) =>
      current.code === fresh.code && current.email === fresh.email
        ? current
        : { ...fresh, version: current.version + 1 },
    );
    // Replace, not push: the entry that held the code is overwritten, so Back can't bring it back.
    navigate(
      { pathname: location.pathname, search: emailSearch(fresh.email), hash: "" },
      { replace: true, state: null },
    );
  }, [location.search, location.pathname, navigate]);

  return (
    <ChangePasswordPageView
      chrome={chrome}
      passwordDisabled={methods.data?.password.enabled === false}
      email={link.email}
      form={
        <DeferredForm
          key={link.version}
          form={resetPasswordForm}
          props={{ link, View: ResetPasswordFormView }}
          standIn={(standIn) => <ResetPasswordFormStandIn {...standIn} link={link} />}
        />
      }
    />
  );
}
