// What Coder's notification system would have emailed. The mock keeps every message so a test,
// an e2e run (GET /__mock/mail) or a person (GET /__mock/mailbox) can read it.
import { goQueryEscape, goTimeJson } from "./go-json.ts";
import { html, page } from "./html.ts";

export interface MockMail {
  to: string;
  subject: string;
  otp: string;
  /** Path and query of the reset link, as in Coder's "Reset password" action. */
  link: string;
  /** RFC 3339. */
  sent_at: string;
}

/** Template "One-Time Passcode" (62f86a30-2330-4b61-a26d-311ff3b608cf). */
export function oneTimePasscodeMail(email: string, otp: string, nowMs: number): MockMail {
  return {
    to: email,
    subject: "Reset your password for Coder",
    otp,
    link: `/reset-password/change?otp=${otp}&email=${goQueryEscape(email)}`,
    sent_at: goTimeJson(nowMs),
  };
}

export function mailboxPage(mail: readonly MockMail[], accounts: readonly string[]): string {
  const newestFirst = [...mail].reverse();
  return page(
    "Mock mailbox – coder-auth-ui",
    html`<main>
<h1>Mock mailbox</h1>
<p>Every email the mock Coder server has sent since it started or was last reset, newest first. Only the newest code for an address works.</p>
${
  newestFirst.length === 0
    ? html`<p>No mail yet. Ask for a password reset code on the sign-in page.</p>`
    : html`<ol reversed>
${newestFirst.map(
  (m) => html`<li>
<article>
<h2>${m.subject}</h2>
<p>To <strong>${m.to}</strong>, sent <time datetime="${m.sent_at}">${m.sent_at}</time>.</p>
<p>Use the link below to reset your password. If you did not make this request, you can ignore this message.</p>
<p><a href="${m.link}">Reset password</a> (one-time passcode <code>${m.otp}</code>)</p>
</article>
</li>
`,
)}</ol>`
}
<h2>Seeded accounts</h2>
<ul>
${accounts.map((line) => html`<li><code>${line}</code></li>\n`)}</ul>
<p>JSON for scripts: <a href="/__mock/mail">/__mock/mail</a>.</p>
</main>`,
  );
}
