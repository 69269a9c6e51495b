import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  type SyntheticEvent,
  useId,
  useLayoutEffect,
  useRef,
} from "react";

interface DialogProps {
  open: boolean;
  /** Called when the dialog closes itself (Escape); the parent then sets `open` to false. */
  onClose: () => void;
  /** The dialog's heading and accessible name. */
  title: ReactNode;
  /** What the dialog is about; read out with the title when it opens. */
  description: ReactNode;
  children: ReactNode;
  /** While true (say, a request is in flight) Escape does not close the dialog. */
  preventClose?: boolean;
}

const TABBABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]",
].join(",");

function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) =>
      el.tabIndex >= 0 &&
      !el.closest("[hidden], [inert]") &&
      (typeof el.checkVisibility !== "function" || el.checkVisibility()),
  );
}

/** Focus back where it was when the dialog opened (once). */
function focusOpener(opener: RefObject<HTMLElement | null>) {
  const target = opener.current;
  opener.current = null;
  // Browsers restore focus on close, but not all of them, and not when the opener re-rendered.
  if (target?.isConnected) target.focus();
}

/**
 * A modal dialog on the native `<dialog>` element. `showModal()` makes the rest of the page inert
 * and gives Escape; on top of that, Tab wraps around inside the dialog (the browser alone would
 * let focus wander off to its own toolbar), and focus goes back to whatever opened it. Content is
 * rendered only while open, so a closed dialog keeps nothing that was typed into it.
 */
export function Dialog({ open, onClose, title, description, children, preventClose }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useId();
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      // Focus lands on the first focusable control inside (the browser's dialog focusing steps).
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      focusOpener(opener);
    }
  }, [open]);

  // Escape. The dialog closes through `open`, in the key's own task: the browser's own close
  // would send its close event a task later, and a key pressed in between (Enter on the opener,
  // to open it again) would be undone by that late event.
  const handleCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    if (!preventClose) onClose();
  };

  // The browser closed it by itself (not through `open`): tell the parent. The close event of an
  // earlier close that arrives once the dialog is open again says nothing about this one.
  const handleClose = () => {
    if (ref.current?.open) return;
    focusOpener(opener);
    if (open) onClose();
  };

  const keepFocusInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab" || !ref.current) return;
    const items = tabbables(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    const outside = !ref.current.contains(active) || active === ref.current;
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={handleClose}
      onCancel={handleCancel}
      onKeyDown={keepFocusInside}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <div id={descriptionId} className="dialog-description">
            {description}
          </div>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
