// The codersdk request structs the mock reads, with their json and validate tags, in Go field order.
import type { GoStruct } from "./go-json.ts";

export const LoginWithPasswordRequest: GoStruct = {
  name: "LoginWithPasswordRequest",
  fields: [
    { json: "email", type: "string", validate: "required,email" },
    { json: "password", type: "string", validate: "required" },
  ],
};

export const RequestOneTimePasscodeRequest: GoStruct = {
  name: "RequestOneTimePasscodeRequest",
  fields: [{ json: "email", type: "string", validate: "required,email" }],
};

export const ChangePasswordWithOneTimePasscodeRequest: GoStruct = {
  name: "ChangePasswordWithOneTimePasscodeRequest",
  fields: [
    { json: "email", type: "string", validate: "required,email" },
    { json: "password", type: "string", validate: "required" },
    { json: "one_time_passcode", type: "string", validate: "required" },
  ],
};

export const ValidateUserPasswordRequest: GoStruct = {
  name: "ValidateUserPasswordRequest",
  fields: [{ json: "password", type: "string", validate: "required" }],
};

export const UpdateUserPasswordRequest: GoStruct = {
  name: "UpdateUserPasswordRequest",
  fields: [
    { json: "old_password", type: "string" },
    { json: "password", type: "string", validate: "required" },
  ],
};

export const ConvertLoginRequest: GoStruct = {
  name: "ConvertLoginRequest",
  fields: [
    { json: "to_type", type: "string", goType: "codersdk.LoginType", validate: "required" },
    { json: "password", type: "string", validate: "required" },
  ],
};

const CreateFirstUserTrialInfo: GoStruct = {
  name: "CreateFirstUserTrialInfo",
  fields: [
    { json: "first_name", type: "string" },
    { json: "last_name", type: "string" },
    { json: "phone_number", type: "string" },
    { json: "job_title", type: "string" },
    { json: "company_name", type: "string" },
    { json: "country", type: "string" },
    { json: "developers", type: "string" },
  ],
};

const CreateFirstUserOnboardingInfo: GoStruct = {
  name: "CreateFirstUserOnboardingInfo",
  fields: [
    { json: "newsletter_marketing", type: "bool" },
    { json: "newsletter_releases", type: "bool" },
  ],
};

export const CreateFirstUserRequest: GoStruct = {
  name: "CreateFirstUserRequest",
  fields: [
    { json: "email", type: "string", validate: "required,email" },
    { json: "username", type: "string", validate: "required,username" },
    { json: "name", type: "string", validate: "user_real_name" },
    { json: "password", type: "string", validate: "required" },
    { json: "trial", type: "bool" },
    { json: "trial_info", type: CreateFirstUserTrialInfo },
    {
      json: "onboarding_info",
      type: CreateFirstUserOnboardingInfo,
      goType: "*codersdk.CreateFirstUserOnboardingInfo",
    },
  ],
};

export const UpdateUserAppearanceSettingsRequest: GoStruct = {
  name: "UpdateUserAppearanceSettingsRequest",
  fields: [
    { json: "theme_preference", type: "string", validate: "required" },
    { json: "theme_mode", type: "string", goType: "codersdk.ThemeMode" },
    { json: "theme_light", type: "string" },
    { json: "theme_dark", type: "string" },
    {
      json: "terminal_font",
      type: "string",
      goType: "codersdk.TerminalFontName",
      validate: "required",
    },
  ],
};
