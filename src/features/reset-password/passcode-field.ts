// The passcode field's rule for the reset form (zod, so it comes with the form's code).
import * as z from "zod/mini";
import { normalisePasscode, PASSCODE_PATTERN, PASSCODE_SHAPE_MESSAGE } from "./passcode.ts";

/** The passcode field of a form: normalised, then checked for shape before anything is sent. */
export const passcodeField = z
  .string()
  .check(
    z.overwrite(normalisePasscode),
    z.minLength(1, "Enter the code from the email."),
    z.regex(PASSCODE_PATTERN, PASSCODE_SHAPE_MESSAGE),
  );
