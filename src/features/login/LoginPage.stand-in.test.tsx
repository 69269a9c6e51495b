// /login with the form's code still on its way: what was typed into the stand-in survives the
// swap, and the real form signs in with it.
import { screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { PASSWORD } from "../../testing/session.ts";
import { fillEveryField, shownNow, swapIn } from "../../testing/stand-in.ts";

vi.mock(import("./LoginForm.tsx"), async (importOriginal) => {
  await (await import("../../testing/stand-in.ts")).formCodeArrives();
  return importOriginal();
});

setupMockCoder();
const assign = vi.fn<(url: string) => void>();
beforeEach(() => {
  vi.spyOn(fullPageNavigation, "assign").mockImplementation(assign);
});
afterEach(() => vi.restoreAllMocks());

describe("/login before its form's code is in", () => {
  it("keeps everything typed into every field across the swap, and signs in with it", async () => {
    const { user } = renderApp("/login");
    const standIn = (await screen.findByLabelText("Email", { selector: "input" })).closest("form");
    if (!standIn) throw new Error("no form");
    const typed = await fillEveryField(user, standIn, {
      email: "member@coder.com",
      password: PASSWORD,
    });
    expect(Object.keys(typed)).toEqual(["Email", "Password"]);

    await swapIn(standIn);
    expect(shownNow(Object.keys(typed))).toEqual(typed);

    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
  });
});
