// /reset-password/change with the form's code still on its way (a bare visit: every field shown):
// everything typed into the stand-in survives the swap, and the real form changes the password.
import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fillEveryField, shownNow, swapIn } from "../../testing/stand-in.ts";
import { clearCooldowns } from "./resend-cooldown.ts";
import { renderResetRoute } from "./test-utils.tsx";

vi.mock(import("./ResetPasswordForm.tsx"), async (importOriginal) => {
  await (await import("../../testing/stand-in.ts")).formCodeArrives();
  return importOriginal();
});

const MEMBER = "member@coder.com";
const NEW_PASSWORD = "Correct-Horse-Battery-Staple-42";
const { mock } = setupMockCoder();
afterEach(() => clearCooldowns());

describe("/reset-password/change before its form's code is in", () => {
  it("keeps everything typed into every field across the swap, and it works", async () => {
    const asked = await mock.handle(
      new Request("http://localhost/api/v2/users/otp/request", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: MEMBER }),
      }),
    );
    expect(asked.status).toBe(204);
    const otp = mock.mail.at(-1)?.otp ?? "";

    const { user } = renderResetRoute("/reset-password/change");
    const standIn = (await screen.findByLabelText("One-time code")).closest("form");
    if (!standIn) throw new Error("no form");
    const typed = await fillEveryField(user, standIn, {
      email: MEMBER,
      code: otp,
      password: NEW_PASSWORD,
      confirm_password: NEW_PASSWORD,
    });
    expect(Object.keys(typed)).toEqual(
      expect.arrayContaining(["Email", "One-time code", "New password", "Confirm new password"]),
    );

    await swapIn(standIn);
    expect(shownNow(Object.keys(typed))).toEqual(typed);

    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("message: password-changed")).toBeInTheDocument();
  });
});
