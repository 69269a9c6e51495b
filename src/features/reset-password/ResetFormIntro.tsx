import { Alert } from "../../components/Alert.tsx";
import { EmailAddress } from "../../components/EmailAddress.tsx";
import { useStaticRender } from "../../components/static-render.ts";
import type { ResetLink } from "./passcode.ts";

interface ResetFormIntroProps {
  link: ResetLink;
  linkCodeUsable: boolean;
  showEmail: boolean;
  showCode: boolean;
  email: string;
}

/** What the form asks for and why: whose account it is, and what is wrong with the link. */
export function ResetFormIntro({
  link,
  linkCodeUsable,
  showEmail,
  showCode,
  email,
}: ResetFormIntroProps) {
  const staticRender = useStaticRender();
  return (
    <>
      <p className="lead">
        {!showEmail ? (
          staticRender ? (
            // The build-time page can't know whose link this is, and names no sample account.
            "For the account in the emailed link."
          ) : (
            <>
              For the account{" "}
              <strong>
                <EmailAddress email={email} />
              </strong>
              .
            </>
          )
        ) : !showCode ? (
          "Enter the email address the code was sent to, then choose a new password."
        ) : (
          "Enter your email address and the code we emailed you, then choose a new password."
        )}
      </p>
      {link.code !== null && !linkCodeUsable ? (
        <Alert tone="warning">
          <p>
            The code in this link is incomplete; the link may have been cut short. Paste the code or
            the whole link from the email below.
          </p>
        </Alert>
      ) : null}
      {link.code !== null && link.email === null ? (
        <Alert tone="warning">
          <p>
            This link doesn't say which account it's for. Enter the email address it was sent to.
          </p>
        </Alert>
      ) : null}
    </>
  );
}
