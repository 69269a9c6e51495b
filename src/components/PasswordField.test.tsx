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
