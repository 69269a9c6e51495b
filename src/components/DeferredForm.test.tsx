import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import {
  DeferredForm,
  deferredForm,
  focusWithoutLoading,
  type StandInProps,
} from "./DeferredForm.tsx";
import { PasswordField } from "./PasswordField.tsx";

/** The "real" form: controlled, as react-hook-form's fields are not, to prove values arrive. */
function RealForm({ onSubmit }: { onSubmit: (name: string) => void }) {
  const [name, setName] = useState("");
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(name);
      }}
    >
      <label>
        Name <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit">Send</button>
    </form>
  );
}

function StandIn({ form, alert, submitting }: StandInProps) {
  return (
    <form {...form}>
      {alert}
      <label>
        Name <input name="name" />
      </label>
      <button type="submit">{submitting ? "Sending…" : "Send"}</button>
    </form>
  );
}

/** A form module whose download the test finishes (or fails) by hand. */
function controlledDownload() {
  const attempts: Array<{ resolve: () => void; reject: () => void }> = [];
  const module = deferredForm<{ onSubmit: (name: string) => void }>(
    () =>
      new Promise((resolve, reject) => {
        attempts.push({
          resolve: () => resolve(RealForm),
          reject: () => reject(new Error("offline")),
        });
      }),
  );
  return { module, attempts };
}

function renderForm(module: ReturnType<typeof controlledDownload>["module"]) {
  const onSubmit = vi.fn();
  render(
    <main>
      <DeferredForm form={module} props={{ onSubmit }} standIn={(p) => <StandIn {...p} />} />
    </main>,
  );
  return onSubmit;
}

describe("DeferredForm", () => {
  it("downloads nothing until the form is used", async () => {
    const { module, attempts } = controlledDownload();
    renderForm(module);
    expect(attempts).toHaveLength(0);
    await userEvent.setup().click(screen.getByLabelText("Name"));
    expect(attempts).toHaveLength(1);
  });

  it("downloads on text that arrives without a key (a password manager's fill)", async () => {
    const { module, attempts } = controlledDownload();
    renderForm(module);
    const field = screen.getByLabelText<HTMLInputElement>("Name");
    field.value = "ada@example.com";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    expect(attempts).toHaveLength(1);
    await act(async () => attempts[0]?.resolve());
    expect(screen.getByLabelText("Name")).toHaveValue("ada@example.com");
  });

  it("keeps what was typed, the focus and the cursor when the code arrives", async () => {
    const { module, attempts } = controlledDownload();
    const onSubmit = renderForm(module);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Ada Lovelace");
    const before = screen.getByLabelText<HTMLInputElement>("Name");
    before.setSelectionRange(2, 5);
    await act(async () => attempts[0]?.resolve());
    const after = screen.getByLabelText<HTMLInputElement>("Name");
    expect(after).not.toBe(before);
    expect(after).toHaveValue("Ada Lovelace");
    expect(after).toHaveFocus();
    expect([after.selectionStart, after.selectionEnd]).toEqual([2, 5]);
    // The real form's state has the value too: submitting sends it.
    await user.keyboard("{Enter}");
    expect(onSubmit).toHaveBeenCalledWith("Ada Lovelace");
  });

  it("sends an early Enter once, when the code is in", async () => {
    const { module, attempts } = controlledDownload();
    const onSubmit = renderForm(module);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Ada{Enter}{Enter}");
    // Shown as sent while it waits for the code, as the form itself will show it.
    await user.click(screen.getByRole("button", { name: "Sending…" }));
    expect(onSubmit).not.toHaveBeenCalled();
    await act(async () => attempts[0]?.resolve());
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith("Ada");
  });

  it("says when the code failed to download, and tries again on the next use", async () => {
    const { module, attempts } = controlledDownload();
    const onSubmit = renderForm(module);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Ada{Enter}");
    await act(async () => attempts[0]?.reject());
    expect(await screen.findByRole("alert")).toHaveTextContent("didn't finish loading");
    expect(screen.getByRole("button", { name: "Send" })).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveValue("Ada");
    // The failed attempt's Enter is not sent later on its own.
    await user.type(screen.getByLabelText("Name"), "!");
    expect(attempts).toHaveLength(2);
    await act(async () => attempts[1]?.resolve());
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByLabelText("Name")).toHaveValue("Ada!");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("renders the form at once where its code is already in", async () => {
    const { module, attempts } = controlledDownload();
    void module.load();
    await act(async () => attempts[0]?.resolve());
    renderForm(module);
    // The real form is controlled: React puts no value attribute on it; the stand-in has no handler.
    await userEvent.setup().type(screen.getByLabelText("Name"), "x");
    expect(attempts).toHaveLength(1);
  });

  describe("a press under way when the code arrives", () => {
    // The swap replaces the button between its press and its release; a browser then sends the
    // release to the new button and no click to either, so the press would be lost.
    function PasswordForm() {
      return (
        <form>
          <PasswordField label="Password" autoComplete="current-password" name="password" />
        </form>
      );
    }
    function renderPasswordForm() {
      let finish = () => {};
      const module = deferredForm<object>(
        () => new Promise((resolve) => (finish = () => resolve(PasswordForm))),
      );
      render(
        <main>
          <DeferredForm
            form={module}
            props={{}}
            standIn={({ form }) => (
              <form {...form}>
                <PasswordField label="Password" autoComplete="current-password" name="password" />
              </form>
            )}
          />
        </main>,
      );
      return () => act(async () => finish());
    }

    it("a click: the form waits for the release, and the press counts", async () => {
      const finish = renderPasswordForm();
      const show = screen.getByRole("button", { name: "Show password" });
      fireEvent.pointerDown(show);
      await finish();
      expect(show).toBeInTheDocument();
      fireEvent.pointerUp(show);
      fireEvent.click(show);
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
      expect(show).not.toBeInTheDocument();
      expect(screen.getByLabelText("Password")).toHaveAttribute("type", "text");
      expect(screen.getByRole("button", { name: "Hide password" })).toBeInTheDocument();
    });

    it("Space on a button: the form waits for the key to come up", async () => {
      const finish = renderPasswordForm();
      const show = screen.getByRole("button", { name: "Show password" });
      fireEvent.keyDown(show, { key: " " });
      await finish();
      expect(show).toBeInTheDocument();
      fireEvent.keyUp(show, { key: " " });
      fireEvent.click(show);
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
      expect(show).not.toBeInTheDocument();
      expect(screen.getByLabelText("Password")).toHaveAttribute("type", "text");
    });
  });
  describe("a Tab pressed as the code arrives", () => {
    // Two fields; the page has put the cursor in the first without loading anything (as every
    // stand-in does), so the Tab's key down is what starts the download.
    function TwoFields(props: { form?: StandInProps["form"] }) {
      return (
        <form {...props.form}>
          <label>
            Email <input name="email" />
          </label>
          <PasswordField label="Password" autoComplete="current-password" name="password" />
        </form>
      );
    }
    function renderTwoFields() {
      let finish = () => {};
      const module = deferredForm<object>(
        () => new Promise((resolve) => (finish = () => resolve(() => <TwoFields />))),
      );
      render(
        <main>
          <DeferredForm
            form={module}
            props={{}}
            standIn={({ form }) => <TwoFields form={form} />}
          />
        </main>,
      );
      focusWithoutLoading(screen.getByLabelText("Email"));
      return () => act(async () => finish());
    }
    const afterTheRelease = () => act(() => new Promise((resolve) => setTimeout(resolve, 10)));

    it("arriving while the key is down: the cursor is in the real form's next field", async () => {
      const finish = renderTwoFields();
      const user = userEvent.setup();
      const standIn = screen.getByLabelText("Email");
      await user.keyboard("{Tab>}");
      await finish();
      await user.keyboard("{/Tab}");
      await afterTheRelease();
      expect(standIn).not.toBeInTheDocument();
      expect(screen.getByLabelText("Password")).toHaveFocus();
    });

    it("arriving after the key is up: the same", async () => {
      const finish = renderTwoFields();
      const user = userEvent.setup();
      const standIn = screen.getByLabelText("Email");
      await user.keyboard("{Tab}");
      await finish();
      expect(standIn).not.toBeInTheDocument();
      expect(screen.getByLabelText("Password")).toHaveFocus();
    });
  });
});
