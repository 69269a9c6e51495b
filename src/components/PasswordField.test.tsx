import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PasswordField } from "./PasswordField.tsx";

describe("PasswordField", () => {
  it("shows and hides the password with a named toggle", async () => {
    const user = userEvent.setup();
    render(<PasswordField label="Password" autoComplete="current-password" />);
    const input = screen.getByLabelText("Password", { selector: "input" });
    expect(input).toHaveAttribute("type", "password");
    expect(input).toHaveAttribute("autocomplete", "current-password");
    await user.click(screen.getByRole("button", { name: "Show password" }));
    expect(input).toHaveAttribute("type", "text");
    expect(screen.getByRole("button", { name: "Hide password" })).toHaveAttribute(
      "aria-controls",
      input.id,
    );
    await user.click(screen.getByRole("button", { name: "Hide password" }));
    expect(input).toHaveAttribute("type", "password");
  });

  it("is the only element labelled Password, even to a substring match (Playwright's getByLabel)", () => {
    render(<PasswordField label="Password" autoComplete="current-password" />);
    expect(screen.getAllByLabelText(/password/i)).toEqual([
      screen.getByLabelText("Password", { selector: "input" }),
    ]);
    // The toggle is named by its content, with the word "password" visually hidden.
    const toggle = screen.getByRole("button", { name: "Show password" });
    expect(toggle).not.toHaveAttribute("aria-label");
    expect(toggle).toHaveTextContent("Show password");
  });

  it("names each toggle by its own field, and labels nothing but the field", () => {
    render(
      <form>
        <PasswordField label="Current password" autoComplete="current-password" />
        <PasswordField label="New password" autoComplete="new-password" />
        <PasswordField label="Confirm new password" autoComplete="new-password" />
      </form>,
    );
    const names = screen.getAllByRole("button").map((button) => button.textContent);
    expect(names).toEqual([
      "Show current password",
      "Show new password",
      "Show confirm new password",
    ]);
    // Named by content, not aria-label: a label search for a field finds the field alone.
    for (const label of ["Current password", "New password", "Confirm new password"])
      expect(screen.getAllByLabelText(label).map((el) => el.tagName)).toEqual(["INPUT"]);
    for (const button of screen.getAllByRole("button"))
      expect(button).not.toHaveAttribute("aria-label");
  });

  it("says when Caps Lock is on, tied to the input, and stops when it is off", async () => {
    const user = userEvent.setup();
    render(<PasswordField label="Password" autoComplete="current-password" />);
    const input = screen.getByLabelText("Password", { selector: "input" });
    await user.click(input);
    await user.keyboard("{CapsLock}a");
    expect(screen.getByText("Caps Lock is on.")).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription("Caps Lock is on.");
    await user.keyboard("{CapsLock}a");
    expect(screen.queryByText("Caps Lock is on.")).not.toBeInTheDocument();
  });

  it("ties its error to the input", () => {
    render(<PasswordField label="Password" autoComplete="new-password" error="Too short." />);
    const input = screen.getByLabelText("Password", { selector: "input" });
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("Too short.");
  });
});
