// /reset-password with the form's code still on its way: the address typed into the stand-in
// survives the swap, and the real form sends it.
import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fillEveryField, shownNow, swapIn } from "../../testing/stand-in.ts";
import { clearCooldowns } from "./resend-cooldown.ts";
import { renderResetRoute } from "./test-utils.tsx";

vi.mock(import("./RequestCodeForm.tsx"), async (importOriginal) => {
  await (await import("../../testing/stand-in.ts")).formCodeArrives();
  return importOriginal();
});

const { mock } = setupMockCoder();
afterEach(() => clearCooldowns());

describe("/reset-password before its form's code is in", () => {
  it("keeps the address typed into the stand-in across the swap, and sends it", async () => {
    const { user } = renderResetRoute("/reset-password");
    const standIn = (await screen.findByLabelText("Email")).closest("form");
    if (!standIn) throw new Error("no form");
    const typed = await fillEveryField(user, standIn, { email: "member@coder.com" });
    expect(Object.keys(typed)).toEqual(["Email"]);

    await swapIn(standIn);
    expect(shownNow(Object.keys(typed))).toEqual(typed);

    await user.click(screen.getByRole("button", { name: "Email me a code" }));
    await screen.findByRole("heading", { level: 1, name: "Check your email" });
    expect(mock.mail.at(-1)?.to).toBe("member@coder.com");
  });
});
