// What Coder's licensor asks for with a trial (`trial_info`): loaded with the setup form's code,
// not with the page.
import type { ComponentPropsWithRef, ReactNode } from "react";
import { useId } from "react";

/** The `trial_info` Coder's licensor is sent, by its JSON names. */
export const TRIAL_FIELDS = [
  "first_name",
  "last_name",
  "phone_number",
  "job_title",
  "company_name",
  "country",
  "developers",
] as const;
export type TrialField = (typeof TRIAL_FIELDS)[number];

/** The company sizes Coder's setup page offers (the licensor expects these strings). */
export const DEVELOPER_COUNTS = ["1-100", "101-500", "501-1000", "1001-2500", "2500+"] as const;

/** Each field's label, its browser autofill token, and what to say when it is left empty. */
export const TRIAL_FIELD_WORDS: Record<
  TrialField,
  { label: string; autoComplete: string; missing: string }
> = {
  first_name: {
    label: "First name",
    autoComplete: "given-name",
    missing: "Enter your first name.",
  },
  last_name: { label: "Last name", autoComplete: "family-name", missing: "Enter your last name." },
  phone_number: {
    label: "Phone number",
    autoComplete: "tel",
    missing: "Enter your phone number.",
  },
  job_title: {
    label: "Job title",
    autoComplete: "organization-title",
    missing: "Enter your job title.",
  },
  company_name: {
    label: "Company",
    autoComplete: "organization",
    missing: "Enter your company's name.",
  },
  country: { label: "Country", autoComplete: "country-name", missing: "Enter your country." },
  developers: {
    label: "Developers at your company",
    autoComplete: "off",
    missing: "Choose how many developers your company has.",
  },
};

export const SALES_URL = "https://coder.com/contact/sales";

/** A labelled select, its error tied to it as TextField ties a text field's. */
export function SelectField({
  label,
  error,
  children,
  ...selectProps
}: Omit<ComponentPropsWithRef<"select">, "id"> & {
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...selectProps}
      >
        {children}
      </select>
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
