import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { type ApiError, isApiError } from "../api/errors.ts";

/**
 * Put Coder's `validations` on the form fields they name (`fields` maps the API's field name to
 * the form's). Returns true when every problem found a field, so no form-level alert is needed.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: Partial<Record<string, Path<T>>>,
): boolean {
  if (!isApiError(error) || error.validations.length === 0) return false;
  let allPlaced = true;
  let first = true;
  for (const { field, detail } of error.validations) {
    const target = fields[field];
    if (!target) {
      allPlaced = false;
      continue;
    }
    setError(target, { type: "server", message: detail }, { shouldFocus: first });
    first = false;
  }
  return allPlaced;
}

/** For messages that belong to one field although Coder sends no `validations`. */
export function isMessage(error: unknown, message: string): error is ApiError {
  return isApiError(error) && error.message === message;
}
