import type { ComponentPropsWithRef, ReactNode } from "react";
import { useStaticRender } from "./static-render.ts";

interface ButtonProps extends ComponentPropsWithRef<"button"> {
  variant?: "primary" | "secondary" | "danger";
  block?: boolean;
  /** While true the button says so and ignores clicks, but stays focusable. */
  pending?: boolean;
  pendingLabel?: ReactNode;
}

export function Button({
  variant = "primary",
  block = false,
  pending = false,
  pendingLabel,
  children,
  className,
  onClick,
  type = "button",
  disabled,
  ...rest
}: ButtonProps) {
  const staticRender = useStaticRender();
  const classes = ["button", variant, block ? "block" : "", className ?? ""].filter(Boolean);
  return (
    <button
      type={type}
      className={classes.join(" ")}
      aria-disabled={pending || undefined}
      disabled={(staticRender && type === "submit") || disabled}
      onClick={(event) => {
        // aria-disabled (not disabled) keeps focus on the button; so swallow the action here.
        if (pending) {
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
      ) : (
        children
      )}
    </button>
  );
}
