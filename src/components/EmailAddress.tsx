import { Fragment } from "react";

/**
 * An email address that, when it can't fit on one line, breaks after the @ or before a dot rather
 * than mid-word (a break opportunity at each; the line only breaks inside a part too long for a
 * line of its own).
 */
export function EmailAddress({ email }: { email: string }) {
  const parts = email.split(/(?=\.)|(?<=@)/);
  return (
    <span className="email-address">
      {parts.map((part, index) => (
        // The parts of one address never reorder: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
