import type { ComponentPropsWithRef, ReactNode } from "react";
import { useStaticRender } from "./static-render.ts";

interface ButtonProps extends ComponentPropsWithRef<"button"> {
  variant?: "primary" | "secondary" | "danger";
  block?: boolean;
  /** A request is out: the button says so with a spinner and ignores clicks, but stays focusable. */
  pending?: boolean;
  pendingLabel?: ReactNode;
  /**
   * Seconds the action must wait (a rate limit, the pause between two emails). A wait is not
   * loading: no spinner, the button keeps its name and shows the seconds left. The seconds are
   * hidden from assistive technology, so a focused button is not re-read every second; whoever
   * imposed the wait says how long, once.
   */
  waitSeconds?: number;
}

export function Button({
  variant = "primary",
  block = false,
  pending = false,
  pendingLabel,
  waitSeconds = 0,
  children,
  className,
  onClick,
  type = "button",
  disabled,
  ...rest
}: ButtonProps) {
  const staticRender = useStaticRender();
  const waiting = !pending && waitSeconds > 0;
  const classes = [
    "button",
    variant,
    block ? "block" : "",
    waiting ? "waiting" : "",
    className ?? "",
  ].filter(Boolean);
  return (
    <button
      type={type}
      className={classes.join(" ")}
      aria-disabled={pending || waiting || undefined}
      disabled={(staticRender && type === "submit") || disabled}
      // For the prerendered page's own script, which shows a submit as sent until the app is in.
      data-pending-label={
        staticRender && typeof pendingLabel === "string" ? pendingLabel : undefined
      }
      onClick={(event) => {
        // aria-disabled (not disabled) keeps focus on the button; so swallow the action here.
        if (pending || waiting) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    >
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingLabel ?? children}
        </>
      ) : waiting ? (
        <>
          {children}
          <span className="wait" aria-hidden="true">
            ({waitSeconds} s)
          </span>
        </>
      ) : (
        children
      )}
    </button>
  );
}
