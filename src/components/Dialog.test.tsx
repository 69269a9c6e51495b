import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { Dialog } from "./Dialog.tsx";

function Harness({ preventClose = false, onClose = () => {} }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open it
      </button>
      <Dialog
        open={open}
        preventClose={preventClose}
        onClose={() => {
          onClose();
          setOpen(false);
        }}
        title="Remove the thing?"
        description={<p>Removing it can't be undone.</p>}
      >
        <input type="text" autoComplete="username" defaultValue="a@b.c" hidden readOnly />
        <label>
          Name <input type="text" />
        </label>
        <button type="button">Remove</button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </Dialog>
    </>
  );
}

async function openDialog(props: Parameters<typeof Harness>[0] = {}) {
  const user = userEvent.setup();
  render(<Harness {...props} />);
  const opener = screen.getByRole("button", { name: "Open it" });
  await user.click(opener);
  return { user, opener, dialog: screen.getByRole("dialog") };
}

describe("Dialog", () => {
  it("renders nothing inside until opened", () => {
    render(<Harness />);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByText("Remove the thing?")).toBeNull();
  });

  it("opens as a modal (not a plain open dialog), named by its heading and described by its text", async () => {
    // The browser's modal behaviour (inert page, initial focus) is checked in e2e; here, what
    // Dialog itself does: the modal API, its name, its description, its content.
    const showModal = vi.spyOn(HTMLDialogElement.prototype, "showModal");
    const show = vi.spyOn(HTMLDialogElement.prototype, "show");
    const { dialog } = await openDialog();
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(show).not.toHaveBeenCalled();
    expect(dialog).toHaveAccessibleName("Remove the thing?");
    expect(dialog).toHaveAccessibleDescription("Removing it can't be undone.");
    expect(screen.getByRole("heading", { name: "Remove the thing?" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Name" })).toBeInTheDocument();
    showModal.mockRestore();
    show.mockRestore();
  });

  it("closes on Escape, tells the parent, and gives focus back to the opener", async () => {
    const onClose = vi.fn();
    const { user, opener } = await openDialog({ onClose });
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(opener).toHaveFocus();
  });

  it("opens again at once after Escape, even before the browser's close event", async () => {
    // Browsers close the dialog on Escape at once but send its close event a task later
    // (jsdom sends it at once): a key pressed in between (Enter on the opener, right after Escape,
    // on a busy machine) must open it again, and the late event must not close it.
    const close = vi.spyOn(HTMLDialogElement.prototype, "close").mockImplementation(function (
      this: HTMLDialogElement,
    ) {
      if (!this.open) return;
      this.removeAttribute("open");
      setTimeout(() => this.dispatchEvent(new Event("close")));
    });
    const { opener, dialog } = await openDialog();
    act(() => {
      // What the browser does on Escape: "cancel", and unless that is cancelled, the close.
      const cancel = new Event("cancel", { cancelable: true });
      dialog.dispatchEvent(cancel);
      if (!cancel.defaultPrevented) (dialog as HTMLDialogElement).close();
    });
    act(() => opener.click());
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(dialog).toHaveAttribute("open");
    expect(screen.getByRole("heading", { name: "Remove the thing?" })).toBeInTheDocument();
    close.mockRestore();
  });

  it("stays open on Escape while closing is prevented", async () => {
    const onClose = vi.fn();
    const { user, dialog } = await openDialog({ preventClose: true, onClose });
    await user.keyboard("{Escape}");
    expect(dialog).toHaveAttribute("open");
    expect(onClose).not.toHaveBeenCalled();
  });

  it("returns focus to the opener when the parent closes it, without calling onClose", async () => {
    const onClose = vi.fn();
    const { user, opener } = await openDialog({ onClose });
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(opener).toHaveFocus();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("keeps Tab inside: forward from the last control wraps to the first, and back", async () => {
    const { user } = await openDialog();
    const name = screen.getByRole("textbox", { name: "Name" });
    const remove = screen.getByRole("button", { name: "Remove" });
    const cancel = screen.getByRole("button", { name: "Cancel" });
    act(() => name.focus());
    await user.tab();
    expect(remove).toHaveFocus();
    await user.tab();
    expect(cancel).toHaveFocus();
    await user.tab();
    expect(name).toHaveFocus();
    await user.tab({ shift: true });
    expect(cancel).toHaveFocus();
    // The page behind (the opener) is never reached.
    for (let i = 0; i < 6; i++) {
      await user.tab();
      expect(screen.getByRole("dialog")).toContainElement(document.activeElement as HTMLElement);
    }
  });
});
