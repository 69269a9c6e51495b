// /setup with the form's code still on its way: everything typed into the stand-in survives the
// swap to the real form, which then sends it. (The other page tests wait for the real form.)
import { screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { fillEveryField, shownNow, swapIn } from "../../testing/stand-in.ts";

vi.mock(import("./SetupForm.tsx"), async (importOriginal) => {
  await (await import("../../testing/stand-in.ts")).formCodeArrives();
  return importOriginal();
});

const STRONG = "Correct-Horse-Battery-42";
const { mock, server } = setupMockCoder();
const created: unknown[] = [];
server.events.on("request:start", async ({ request }) => {
  if (request.method === "POST" && new URL(request.url).pathname === "/api/v2/users/first")
    created.push(await request.clone().json());
});

beforeEach(() => {
  mock.reset({ users: "none" });
  vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("/setup before its form's code is in", () => {
  it("keeps everything typed into every field across the swap, and sends it", async () => {
    const { user } = renderApp("/setup");
    await screen.findByRole("heading", { level: 1, name: "Create the first account" });
    const standIn = screen.getByLabelText("Email", { selector: "input" }).closest("form");
    if (!standIn) throw new Error("no form");
    const typed = await fillEveryField(user, standIn, {
      email: "ada@example.com",
      username: "lovelace",
      name: "Ada Lovelace",
      password: STRONG,
    });
    expect(Object.keys(typed)).toEqual(
      expect.arrayContaining(["Email", "Username", "Full name (optional)", "Password"]),
    );

    await swapIn(standIn);
    expect(shownNow(Object.keys(typed))).toEqual(typed);

    // The trial's box was ticked in the stand-in: the real form asks for its details.
    const trial = {
      "First name": "Ada",
      "Last name": "Lovelace",
      "Phone number": "+44 20 7946 0000",
      "Job title": "Engineer",
      Company: "Analytical Engines",
      Country: "United Kingdom",
    };
    for (const [label, value] of Object.entries(trial)) {
      await user.type(await screen.findByLabelText(label, { selector: "input" }), value);
    }
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Developers at your company" }),
      "101-500",
    );
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({
      email: "ada@example.com",
      username: "lovelace",
      name: "Ada Lovelace",
      password: STRONG,
      trial: true,
      trial_info: { first_name: "Ada", company_name: "Analytical Engines", developers: "101-500" },
    });
  });
});
