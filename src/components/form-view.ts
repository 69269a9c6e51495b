// The props a form's View (props in, markup out) takes from whoever renders it: the real form
// (react-hook-form's registrations, its errors, its submit guard) or the form's stand-in before
// its code is in (plain names and defaults, DeferredForm's handlers). Types only, so a View in
// the first download names neither react-hook-form nor the stand-in machinery.
import type { ComponentPropsWithRef } from "react";
import type { SubmitGuard } from "./useSubmitGuard.ts";

/** What a View spreads on its <form>: the real form's submit, or a stand-in's handlers. */
export type FormHandlers = Omit<
  ComponentPropsWithRef<"form">,
  "children" | "method" | "noValidate"
>;

/** What a View spreads on one input: `register(name)`, or `{ name, defaultValue }`. */
export type FieldProps = Omit<
  ComponentPropsWithRef<"input">,
  "id" | "type" | "children" | "autoComplete"
>;

/** What the submit button shows: sending, or a wait (a stand-in: IDLE or SENDING). */
export type SubmitState = Pick<SubmitGuard, "busy" | "retryIn">;
