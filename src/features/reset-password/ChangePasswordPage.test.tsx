import { screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { clearCooldowns } from "./resend-cooldown.ts";
import { CHANGE, REQUEST, recordRequests, renderResetRoute } from "./test-utils.tsx";

const { mock, server } = setupMockCoder();
let requests: string[] = [];
beforeEach(() => {
  requests = recordRequests(server);
});
afterEach(() => {
  server.events.removeAllListeners();
  clearCooldowns();
});

const MEMBER = "member@coder.com";
const OLD_PASSWORD = "SomeSecurePassword!";
const NEW_PASSWORD = "Correct-Horse-Battery-Staple-42";
const WEAK_PASSWORD = "password1";

function post(path: string, body: unknown) {
  return mock.handle(
    new Request(`http://localhost/api/v2${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** Asks the mock for a code as another tab would, and returns the emailed link. */
async function mailedLink(email = MEMBER) {
  expect((await post("/users/otp/request", { email })).status).toBe(204);
  const mail = mock.mail.at(-1);
  if (!mail) throw new Error("no mail");
  return mail;
}

async function signInStatus(email: string, password: string) {
  return (await post("/users/login", { email, password })).status;
}

function passwordInputs() {
  return {
    password: screen.getByLabelText("New password"),
    confirm: screen.getByLabelText("Confirm new password"),
  };
}

describe("ChangePasswordPage, from the emailed link", () => {
  it("reads the code, then takes it out of the URL (keeping only the address)", async () => {
    const { link, otp } = await mailedLink();
    const { location } = renderResetRoute(link);
    expect(await screen.findByText(/For the account/)).toHaveTextContent(MEMBER);
    await waitFor(() => expect(location().search).toBe("?email=member%40coder.com"));
    expect(location().state).toBeNull();
    expect(location().pathname).toBe("/reset-password/change");
    expect(document.body.innerHTML).not.toContain(otp);
    // Nothing to ask but the new password, and that is where the page starts.
    expect(screen.queryByLabelText("One-time code")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Email")).not.toBeInTheDocument();
    expect(passwordInputs().password).toHaveFocus();
  });

  it("carries the address in a hidden username field for password managers", async () => {
    const { link } = await mailedLink();
    const { container } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    const username = container.querySelector('input[autocomplete="username"]');
    expect(username).toHaveValue(MEMBER);
    expect(username).not.toBeVisible();
    expect(passwordInputs().password).toHaveAttribute("autocomplete", "new-password");
    expect(passwordInputs().confirm).toHaveAttribute("autocomplete", "new-password");
  });

  it("blocks a weak password before sending anything, with live strength shown while typing", async () => {
    const { link } = await mailedLink();
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, WEAK_PASSWORD);
    // The form's code arrived with the first keystroke and took over the same fields.
    const { password, confirm } = passwordInputs();
    await waitFor(() => expect(password).toHaveAccessibleDescription(/^Too easy to guess\./));
    await user.type(confirm, WEAK_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/This password is too easy to guess/)).toBeInTheDocument();
    expect(password).toHaveFocus();
    expect(requests).not.toContain(CHANGE);
  });

  it("asks for a matching confirmation before sending anything", async () => {
    const { link } = await mailedLink();
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, `${NEW_PASSWORD}x`);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("The passwords don't match.")).toBeInTheDocument();
    expect(requests).not.toContain(CHANGE);
  });

  it("changes the password, then sends the person to sign in with the address filled in", async () => {
    const { link } = await mailedLink();
    const { user, location } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("message: password-changed")).toBeInTheDocument();
    expect(screen.getByText(`email: ${MEMBER}`)).toBeInTheDocument();
    expect(location().pathname).toBe("/login");
    expect(requests.filter((r) => r === CHANGE)).toHaveLength(1);
    expect(await signInStatus(MEMBER, NEW_PASSWORD)).toBe(201);
    expect(await signInStatus(MEMBER, OLD_PASSWORD)).toBe(401);
  });

  it("sends one request however often the button is pressed", async () => {
    const { link } = await mailedLink();
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    const button = screen.getByRole("button", { name: "Change password" });
    await Promise.all([user.click(button), user.click(button), user.click(button)]);
    await screen.findByText("message: password-changed");
    expect(requests.filter((r) => r === CHANGE)).toHaveLength(1);
  });

  it("offers a new code in one click when the link's code is spent, keeping both passwords", async () => {
    const { link } = await mailedLink();
    // The code is used up (in another tab, say).
    expect(
      (
        await post("/users/otp/change-password", {
          email: MEMBER,
          password: "Another-Strong-Passphrase-77",
          one_time_passcode: mock.mail[0]?.otp,
        })
      ).status,
    ).toBe(204);

    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));

    // One sentence, on the code's own field (shown now, marked invalid, focused), and the way to
    // a new code right under it: no alert with paragraphs and a button inside.
    const codeField = await screen.findByLabelText("One-time code");
    await waitFor(() => expect(codeField).toHaveFocus());
    expect(codeField).toHaveAttribute("aria-invalid", "true");
    expect(codeField).toHaveAccessibleDescription(
      /^This code doesn't work: it may be mistyped, already used, replaced by a newer one, or more than 20 minutes old\./,
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(passwordInputs().password).toHaveValue(NEW_PASSWORD);
    expect(passwordInputs().confirm).toHaveValue(NEW_PASSWORD);

    const newCode = screen.getByRole("button", { name: "Email me a code" });
    expect(newCode).not.toHaveAttribute("aria-disabled");
    await user.click(newCode);
    expect(await screen.findByText(/a new code is on its way/)).toHaveTextContent(MEMBER);
    expect(requests.filter((r) => r === REQUEST)).toHaveLength(1);
    expect(mock.mail).toHaveLength(2);
    expect(codeField).toHaveValue("");
    expect(codeField).not.toHaveAttribute("aria-invalid");
    expect(passwordInputs().password).toHaveValue(NEW_PASSWORD);

    await user.type(codeField, mock.mail[1]?.otp ?? "");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("message: password-changed")).toBeInTheDocument();
    expect(await signInStatus(MEMBER, NEW_PASSWORD)).toBe(201);
  });

  it("treats an expired code like a spent one", async () => {
    const { link } = await mailedLink();
    mock.advanceClock(21 * 60 * 1000);
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    const codeField = await screen.findByLabelText("One-time code");
    await waitFor(() => expect(codeField).toHaveAccessibleDescription(/more than 20 minutes old/));
    expect(screen.getByRole("button", { name: "Email me a code" })).toBeInTheDocument();
  });

  it("puts 'same as the current password' on the password field", async () => {
    const { link } = await mailedLink();
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, OLD_PASSWORD);
    await user.type(passwordInputs().confirm, OLD_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    const message = await screen.findByText(
      "This is your current password. Choose a different one.",
    );
    expect(passwordInputs().password).toHaveAccessibleDescription(
      expect.stringContaining(message.textContent ?? ""),
    );
    expect(passwordInputs().password).toHaveFocus();
  });

  it("puts the server's password verdict on the field, in our words", async () => {
    server.use(
      http.post("*/api/v2/users/otp/change-password", () =>
        HttpResponse.json(
          {
            message: "Invalid password.",
            validations: [
              {
                field: "password",
                detail:
                  "insecure password, try including more special characters, using uppercase letters, using numbers or using a longer password",
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { link } = await mailedLink();
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/This password is too easy to guess/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it.each([
    [
      "password sign-in is off (403)",
      () => HttpResponse.json({ message: "Password authentication is disabled." }, { status: 403 }),
      "Password sign-in is turned off for this deployment",
    ],
    [
      "a server error",
      () => HttpResponse.json({ message: "Internal error." }, { status: 500 }),
      "Something went wrong on the server. Try again in a moment.",
    ],
    [
      "a lost connection",
      () => HttpResponse.error(),
      "Can't reach the server. Check your connection and try again.",
    ],
    [
      "rate limiting (429)",
      () =>
        HttpResponse.json(
          { message: "You've been rate limited for sending more than 60 requests in 1m0s." },
          { status: 429, headers: { "Retry-After": "30" } },
        ),
      /Too many attempts\. You can try again in (29|30) seconds\./,
    ],
  ])("explains %s and keeps both passwords", async (_, respond, text) => {
    server.use(http.post("*/api/v2/users/otp/change-password", respond));
    const { link } = await mailedLink();
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(text);
    expect(passwordInputs().password).toHaveValue(NEW_PASSWORD);
    expect(passwordInputs().confirm).toHaveValue(NEW_PASSWORD);
  });

  it("won't resubmit while a 429 countdown runs", async () => {
    server.use(
      http.post("*/api/v2/users/otp/change-password", () =>
        HttpResponse.json(
          { message: "rate limited" },
          { status: 429, headers: { "Retry-After": "30" } },
        ),
      ),
    );
    const { link } = await mailedLink();
    const { user } = renderResetRoute(link);
    await screen.findByLabelText("New password");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    await screen.findByRole("alert");
    const button = screen.getByRole("button", { name: "Change password" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    await user.click(button);
    expect(requests.filter((r) => r === CHANGE)).toHaveLength(1);
  });
});

describe("ChangePasswordPage, when the link lacks something", () => {
  it("asks for the code when the link has none, accepting pasted spaces and capitals", async () => {
    const { otp } = await mailedLink();
    const { user } = renderResetRoute(`/reset-password/change?email=${encodeURIComponent(MEMBER)}`);
    const codeField = await screen.findByLabelText("One-time code");
    expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
    expect(codeField).toHaveValue("");
    expect(codeField).toHaveFocus();
    expect(codeField).toHaveAccessibleDescription(
      "Paste the code or the whole link from the email.",
    );
    await user.click(codeField);
    await user.paste(`  ${otp.slice(0, 18).toUpperCase()} ${otp.slice(18)}\n`);
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("message: password-changed")).toBeInTheDocument();
    expect(await signInStatus(MEMBER, NEW_PASSWORD)).toBe(201);
  });

  it("says what is wrong with a code before sending it", async () => {
    const { user } = renderResetRoute(`/reset-password/change?email=${encodeURIComponent(MEMBER)}`);
    const codeField = await screen.findByLabelText("One-time code");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Enter the code from the email.")).toBeInTheDocument();
    expect(codeField).toHaveFocus();
    await user.type(codeField, "12345678");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/That isn't a whole code/)).toBeInTheDocument();
    expect(codeField).toHaveAccessibleDescription(
      expect.stringContaining("That isn't a whole code"),
    );
    expect(requests).not.toContain(CHANGE);
  });

  it("asks for the address when the link has none, and says why", async () => {
    const { otp } = await mailedLink();
    const { user, location } = renderResetRoute(`/reset-password/change?otp=${otp}`);
    expect(
      await screen.findByText(
        "This link doesn't say which account it's for. Enter the email address it was sent to.",
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(location().search).toBe(""));
    const email = screen.getByLabelText("Email");
    expect(email).toHaveAttribute("autocomplete", "username");
    // What is missing is where the page starts.
    expect(email).toHaveFocus();
    expect(screen.queryByLabelText("One-time code")).not.toBeInTheDocument();
    await user.type(email, MEMBER);
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("message: password-changed")).toBeInTheDocument();
  });

  it("says a cut-off code is incomplete and asks for it again", async () => {
    const { location } = renderResetRoute(
      `/reset-password/change?otp=fad9020b-6562&email=${encodeURIComponent(MEMBER)}`,
    );
    expect(await screen.findByText(/The code in this link is incomplete/)).toBeInTheDocument();
    expect(screen.getByLabelText("One-time code")).toHaveValue("");
    await waitFor(() => expect(location().search).toBe("?email=member%40coder.com"));
  });

  it("asks for both on a bare visit", async () => {
    renderResetRoute("/reset-password/change");
    expect(await screen.findByLabelText("Email")).toBeInTheDocument();
    expect(screen.getByLabelText("One-time code")).toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toBeInTheDocument();
  });

  it("blames the address too when it was typed by hand", async () => {
    const { otp } = await mailedLink();
    const { user } = renderResetRoute(`/reset-password/change?otp=${otp}`);
    await user.type(await screen.findByLabelText("Email"), "admin@coder.com");
    await user.type(passwordInputs().password, NEW_PASSWORD);
    await user.type(passwordInputs().confirm, NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    // The code is shown now, marked, so a newer one can be pasted over it.
    const codeField = await screen.findByLabelText("One-time code");
    expect(codeField).toHaveValue(otp);
    await waitFor(() =>
      expect(codeField).toHaveAccessibleDescription(
        /^This code doesn't work with this email address: check the address/,
      ),
    );
    expect(codeField).toHaveAttribute("aria-invalid", "true");
  });
});
