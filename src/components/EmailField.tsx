import { TextField, type TextFieldProps } from "./TextField.tsx";

type EmailFieldProps = Omit<TextFieldProps, "label" | "type" | "autoComplete"> & {
  label?: TextFieldProps["label"];
  /** `username` where the address identifies an account to a password manager. */
  autoComplete?: "username" | "email";
};

/** An email address input with the keyboard, autofill and spelling hints every form wants. */
export function EmailField({
  label = "Email",
  autoComplete = "username",
  ...props
}: EmailFieldProps) {
  return (
    <TextField
      label={label}
      type="email"
      autoComplete={autoComplete}
      inputMode="email"
      autoCapitalize="off"
      spellCheck={false}
      required
      {...props}
    />
  );
}

/**
 * The account a password form is about, for password managers: they file the password under this
 * username. Hidden from everyone else.
 */
export function HiddenUsername({ value }: { value: string }) {
  return (
    <input type="text" name="username" autoComplete="username" value={value} hidden readOnly />
  );
}
