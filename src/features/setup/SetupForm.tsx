import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { type ApiError, isApiError } from "../../api/errors.ts";
import { loginMutation } from "../../api/session.ts";
import { createFirstUserMutation } from "../../api/setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { AppLink } from "../../components/AppLink.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { NewPasswordField } from "../../components/NewPasswordField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { usePasswordVerdict } from "../../components/usePasswordVerdict.ts";
import { LEAVING, useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { emailField } from "../../forms/fields.ts";
import { fullNameField, suggestUsername, usernameField } from "../../forms/names.ts";
import { newPasswordField, type ServerVerdict } from "../../forms/password-fields.ts";
import { describeRuleFailure } from "../../forms/rule-failure.ts";
import { asSentence } from "../../lib/sentence.ts";
import type { SetupFormView } from "./SetupFormView.tsx";
import {
  DEVELOPER_COUNTS,
  SALES_URL,
  SelectField,
  TRIAL_FIELD_WORDS,
  TRIAL_FIELDS,
  type TrialField,
} from "./trial-fields.tsx";

type SetupValues = {
  email: string;
  username: string;
  name: string;
  password: string;
  trial: boolean;
} & Record<TrialField, string>;

/** With the trial ticked, every field the licensor asks for is needed (Coder's page asks too). */
const trialFieldsFilled = z.superRefine<SetupValues>((values, ctx) => {
  if (!values.trial) return;
  for (const field of TRIAL_FIELDS)
    if (values[field].trim() === "")
      ctx.issues.push({
        code: "custom",
        message: TRIAL_FIELD_WORDS[field].missing,
        input: values[field],
        path: [field],
        continue: true,
      });
});

const EMPTY_TRIAL_INFO = Object.fromEntries(TRIAL_FIELDS.map((field) => [field, ""])) as Record<
  TrialField,
  string
>;

/** Our words for the server's field refusals (its own are go-playground jargon). */
const FIELD_REFUSALS: Record<"email" | "username" | "name", string> = {
  email: "Enter a valid email address, like name@example.com.",
  username:
    "Coder didn't accept this username. Use only letters, digits and single hyphens, at most 32 characters.",
  name: "Coder didn't accept this name. Keep it under 128 bytes.",
};

type ServerCheckedField = "email" | "username" | "name" | "password";
function isFieldName(field: string): field is ServerCheckedField {
  return field === "email" || field === "username" || field === "name" || field === "password";
}

/** 409 from POST /users/first: someone created the first user between page load and submit. */
const isConflict = (error: unknown) => isApiError(error) && error.status === 409;

/** Coder's answer when its licensor would not issue the trial; no account was made. */
const isTrialRefused = (error: unknown) =>
  isApiError(error) && error.status === 500 && error.message === "Failed to generate trial";

function describeCreateError(error: ApiError) {
  if (error.status === 409)
    return "Someone else finished setting up this deployment a moment ago, so it has its owner already. Sign in with that account, or ask its owner to add you.";
  if (isTrialRefused(error))
    return "Coder couldn't start the trial, so no account was created yet. Untick the trial to create the account without it; you can start a trial later. To get one now, contact Coder's sales team.";
  return undefined;
}

interface Credentials {
  email: string;
  password: string;
}

export function SetupForm({
  onSubmitStart,
  View,
}: {
  onSubmitStart: () => void;
  /**
   * The form's markup, handed over by the page, which has it already for the stand-in: imported
   * here, it would leave the page's chunk for a chunk of its own (one more file per page).
   */
  View: typeof SetupFormView;
}) {
  const queryClient = useQueryClient();
  const create = useMutation(createFirstUserMutation(queryClient));
  const login = useMutation(loginMutation(queryClient));
  const guard = useSubmitGuard();
  /** Set once the account exists and only signing in is left (it failed once). */
  const [created, setCreated] = useState<Credentials | null>(null);
  const accountMade = useRef(false);

  const serverVerdict = useRef<ServerVerdict | undefined>(undefined);
  const schema = useMemo(
    () =>
      z
        .object({
          email: emailField,
          username: usernameField,
          name: fullNameField,
          // The first account has no old password: not a "new" one.
          password: newPasswordField(() => serverVerdict.current, "Enter a password."),
          trial: z.boolean(),
          first_name: z.string(),
          last_name: z.string(),
          phone_number: z.string(),
          job_title: z.string(),
          company_name: z.string(),
          country: z.string(),
          developers: z.string(),
        })
        .check(trialFieldsFilled),
    [],
  );
  const form = useForm<SetupValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      email: "",
      username: "",
      name: "",
      password: "",
      trial: false,
      ...EMPTY_TRIAL_INFO,
    },
  });
  const trial = form.watch("trial");
  const { errors } = form.formState;
  const password = form.watch("password");
  // The cursor starts in the first field, as on Coder's setup page.
  useInitialFocus(() => form.setFocus("email"));
  const verdict = usePasswordVerdict(password, true);
  serverVerdict.current = verdict.server;

  // The username follows the email until someone types in it (emptying it hands it back).
  const usernameTyped = useRef(false);
  const followEmail = (event: ChangeEvent<HTMLInputElement>) => {
    if (usernameTyped.current) return;
    form.setValue("username", suggestUsername(event.target.value), {
      shouldValidate: form.formState.isSubmitted,
    });
  };
  const noteUsernameTyped = (event: ChangeEvent<HTMLInputElement>) => {
    usernameTyped.current = event.target.value !== "";
  };

  /** Coder's refusals that name a field go under that field; true when all of them did. */
  const placeOnFields = (error: unknown): boolean => {
    if (accountMade.current) return false;
    if (!isApiError(error) || error.validations.length === 0) return false;
    if (!error.validations.every(({ field }) => isFieldName(field))) return false;
    error.validations.forEach(({ field, detail }, index) => {
      const name = field as ServerCheckedField;
      let message: string;
      if (name !== "password") message = FIELD_REFUSALS[name];
      else if (error.message === "Password is invalid") message = describeRuleFailure(detail);
      else message = "Enter a password.";
      form.setError(
        name,
        { type: "server", message },
        {
          shouldFocus: index === 0,
        },
      );
    });
    return true;
  };

  /** Sign in with what the account was made with, then load Coder's dashboard for the session. */
  const signInAndLeave = async (credentials: Credentials) => {
    try {
      await login.mutateAsync(credentials);
    } catch (error) {
      setCreated(credentials);
      throw error;
    }
    // Coder's dashboard, rendered by Coder for the new session.
    fullPageNavigation.assign("/");
    return LEAVING;
  };

  // One account, however fast the button or Enter is pressed; whatever goes wrong, what was
  // typed stays.
  const onSubmit = form.handleSubmit((values) =>
    guard.run(async () => {
      onSubmitStart();
      const { trial, ...rest } = values;
      const trialInfo = Object.fromEntries(
        TRIAL_FIELDS.map((field) => [field, rest[field].trim()]),
      ) as Record<TrialField, string>;
      await create.mutateAsync({
        email: values.email,
        username: values.username,
        name: values.name,
        password: values.password,
        trial: trial ? trialInfo : undefined,
      });
      accountMade.current = true;
      return signInAndLeave({ email: values.email, password: values.password });
    }, placeOnFields),
  );

  if (created) {
    return (
      <form
        method="post"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void guard.run(() => signInAndLeave(created));
        }}
      >
        <ErrorAlert
          error={guard.failure}
          describe={(error) =>
            `Your account was created, but signing in didn't work: ${asSentence(error.message)}`
          }
        />
        <div className="actions">
          <SubmitButton guard={guard} busyLabel="Signing in…">
            Sign in
          </SubmitButton>
          <AppLink className="button secondary" to="/login" state={{ email: created.email }}>
            Go to the sign-in page
          </AppLink>
        </div>
      </form>
    );
  }

  const { onChange: onEmailChange, ...emailRegistration } = form.register("email");
  const { onChange: onUsernameChange, ...usernameRegistration } = form.register("username");
  return (
    <View
      form={{ onSubmit }}
      fields={{
        email: {
          ...emailRegistration,
          onChange: (event) => {
            followEmail(event);
            return onEmailChange(event);
          },
        },
        username: {
          ...usernameRegistration,
          onChange: (event) => {
            noteUsernameTyped(event);
            return onUsernameChange(event);
          },
        },
        name: form.register("name"),
        password: form.register("password"),
        trial: form.register("trial"),
      }}
      errors={{
        email: errors.email?.message,
        username: errors.username?.message,
        name: errors.name?.message,
        password: errors.password?.message,
      }}
      submit={guard}
      stage={create.isPending ? "creating" : "signing-in"}
      failing={Boolean(guard.failure)}
      alert={
        <ErrorAlert error={guard.failure} describe={describeCreateError}>
          {isConflict(guard.failure) ? (
            <div className="actions">
              <AppLink className="button secondary" to="/login">
                Go to sign in
              </AppLink>
            </div>
          ) : null}
          {isTrialRefused(guard.failure) ? (
            <p>
              <a href={SALES_URL} target="_blank" rel="noreferrer noopener">
                Contact Coder's sales team
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </p>
          ) : null}
        </ErrorAlert>
      }
      passwordField={(field) => <NewPasswordField {...field} value={password} {...verdict} />}
      trialFields={
        trial ? (
          <fieldset className="trial-fields">
            <legend className="visually-hidden">About you, for the trial</legend>
            {TRIAL_FIELDS.map((field) =>
              field === "developers" ? (
                <SelectField
                  key={field}
                  label={TRIAL_FIELD_WORDS[field].label}
                  required
                  error={errors[field]?.message}
                  {...form.register(field)}
                >
                  <option value="">Choose…</option>
                  {DEVELOPER_COUNTS.map((count) => (
                    <option key={count} value={count}>
                      {count}
                    </option>
                  ))}
                </SelectField>
              ) : (
                <TextField
                  key={field}
                  label={TRIAL_FIELD_WORDS[field].label}
                  type={field === "phone_number" ? "tel" : "text"}
                  autoComplete={TRIAL_FIELD_WORDS[field].autoComplete}
                  required
                  error={errors[field]?.message}
                  {...form.register(field)}
                />
              ),
            )}
          </fieldset>
        ) : null
      }
    />
  );
}
