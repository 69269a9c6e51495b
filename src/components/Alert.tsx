import { type ReactNode, useLayoutEffect, useRef } from "react";

export type AlertTone = "error" | "info" | "success" | "warning";

interface AlertProps {
  tone: AlertTone;
  children: ReactNode;
  /** Move focus here when shown, so keyboard and screen-reader users land on what went wrong. */
  focusOnMount?: boolean;
  id?: string;
}

/** Errors interrupt (role=alert); everything else waits its turn (role=status). */
export function Alert({ tone, children, focusOnMount = false, id }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  // In the commit that shows it, not an effect later: whoever reads the page as it appears
  // (a screen reader, a test) finds the focus already there.
  useLayoutEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <div
      ref={ref}
      id={id}
      className={`alert ${tone}`}
      role={tone === "error" ? "alert" : "status"}
      tabIndex={focusOnMount ? -1 : undefined}
    >
      {children}
    </div>
  );
}
