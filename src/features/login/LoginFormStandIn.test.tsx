import { fireEvent, screen } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { renderInRouter } from "../../testing/render-app.tsx";
import { LoginFormStandIn } from "./LoginFormStandIn.tsx";

const noop = () => {};
const form = {
  ref: noop,
  onFocus: noop,
  onPointerDown: noop,
  onKeyDown: noop,
  onInput: noop,
  onSubmit: noop,
};

function renderStandIn(initialEmail = "") {
  return renderInRouter(
    "/login",
    <Routes>
      <Route
        path="/login"
        element={
          <LoginFormStandIn
            form={form}
            alert={null}
            submitting={false}
            initialEmail={initialEmail}
          />
        }
      />
      <Route path="/reset-password" element={<p>reset</p>} />
    </Routes>,
  );
}

describe("the sign-in form before its code is in", () => {
  // On a slow connection the form's code may still be on its way when "Forgot password?" is
  // clicked: the address typed so far goes along, as it does from the real form.
  it("'Forgot password?' carries the address typed so far", async () => {
    const { location } = renderStandIn("old@coder.com");
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: " typed@coder.com " } });
    fireEvent.click(screen.getByRole("link", { name: "Forgot password?" }));
    await screen.findByText("reset");
    expect(location().state).toEqual({ email: "typed@coder.com" });
  });

  // The prerendered page's typing arrives by the takeover, and a password manager's fill: as an
  // input event on a value set the native way, never a key (typed-state.ts).
  it("carries an address that arrived without a key", async () => {
    const { location } = renderStandIn();
    const field = screen.getByLabelText<HTMLInputElement>("Email");
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(
      field,
      "filled@coder.com",
    );
    field.dispatchEvent(new Event("input", { bubbles: true }));
    fireEvent.click(screen.getByRole("link", { name: "Forgot password?" }));
    await screen.findByText("reset");
    expect(location().state).toEqual({ email: "filled@coder.com" });
  });

  it("carries nothing when the field is empty", async () => {
    const { location } = renderStandIn();
    fireEvent.click(screen.getByRole("link", { name: "Forgot password?" }));
    await screen.findByText("reset");
    expect(location().state).toBeNull();
  });

  it("leaves a Ctrl-click (a new tab) to the browser", () => {
    const { location } = renderStandIn();
    fireEvent.click(screen.getByRole("link", { name: "Forgot password?" }), { ctrlKey: true });
    expect(location().pathname).toBe("/login");
  });
});
