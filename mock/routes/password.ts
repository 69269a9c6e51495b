// Password strength, the one-time-passcode reset flow and the signed-in password change.
import { validatePassword } from "../../src/password/index.ts";
import { type Ctx, empty, error, json, now } from "../context.ts";
import { readStruct } from "../http-read.ts";
import { oneTimePasscodeMail } from "../mailbox.ts";
import {
  deleteApiKeysOf,
  findUserByEmail,
  type MockUser,
  passwordMatches,
  rbacSubject,
  userObject,
} from "../model.ts";
import { authorize } from "../rbac.ts";
import { compareSecret, hashSecret } from "../secrets.ts";
import {
  ChangePasswordWithOneTimePasscodeRequest,
  RequestOneTimePasscodeRequest,
  UpdateUserPasswordRequest,
  ValidateUserPasswordRequest,
} from "../structs.ts";
import { RESOURCE_NOT_FOUND } from "./session.ts";

/** coderd's OneTimePasscodeValidityPeriod. */
const ONE_TIME_PASSCODE_VALIDITY_MS = 20 * 60 * 1000;

const PASSWORD_AUTH_DISABLED = "Password authentication is disabled.";

function invalidPassword(ctx: Ctx, details: string): Response {
  return error(ctx, 400, {
    message: "Invalid password.",
    validations: [{ field: "password", detail: details }],
  });
}

export async function postValidatePassword(ctx: Ctx): Promise<Response> {
  const body = await readStruct(ctx.request, ValidateUserPasswordRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const verdict = validatePassword(body.value.password as string);
  return json(ctx, 200, { valid: verdict.valid, details: verdict.details });
}

/**
 * Always 204 once the body is valid: unknown addresses, like known ones, get a freshly hashed
 * passcode (then thrown away), so neither the answer nor its timing tells who has an account.
 */
export async function postRequestOneTimePasscode(ctx: Ctx): Promise<Response> {
  if (!ctx.env.config.passwordAuth) return error(ctx, 403, { message: PASSWORD_AUTH_DISABLED });
  const body = await readStruct(ctx.request, RequestOneTimePasscodeRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const { state } = ctx.env;
  const user = findUserByEmail(state, body.value.email as string);
  const passcode = crypto.randomUUID();
  const hashed = hashSecret(passcode);
  if (user) {
    const t = now(ctx);
    // Only the newest passcode is kept.
    user.hashedOneTimePasscode = hashed;
    user.oneTimePasscodeExpiresAt = t + ONE_TIME_PASSCODE_VALIDITY_MS;
    ctx.env.sendMail(oneTimePasscodeMail(user.email, passcode, t));
  }
  return empty(ctx, 204);
}

export async function postChangePasswordWithOneTimePasscode(ctx: Ctx): Promise<Response> {
  if (!ctx.env.config.passwordAuth) return error(ctx, 403, { message: PASSWORD_AUTH_DISABLED });
  const body = await readStruct(ctx.request, ChangePasswordWithOneTimePasscodeRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const email = body.value.email as string;
  const password = body.value.password as string;
  const passcode = body.value.one_time_passcode as string;

  // The strength rule comes before the passcode: a weak password never spends a guess.
  const verdict = validatePassword(password);
  if (!verdict.valid) return invalidPassword(ctx, verdict.details);

  const { state } = ctx.env;
  const user = findUserByEmail(state, email);
  const matches = compareSecret(user?.hashedOneTimePasscode ?? "", passcode);
  const expiresAt = user?.oneTimePasscodeExpiresAt;
  if (!user || !matches || expiresAt === undefined || now(ctx) > expiresAt) {
    return error(ctx, 400, { message: "Incorrect email or one-time passcode." });
  }
  if (passwordMatches(user, password)) {
    return error(ctx, 400, { message: "New password cannot match old password." });
  }
  // One transaction in coderd: new hash, passcode spent, every session and token revoked.
  // Status and login type are left alone; nobody is signed in.
  user.hashedPassword = hashSecret(password);
  user.hashedOneTimePasscode = "";
  user.oneTimePasscodeExpiresAt = undefined;
  user.updatedAt = now(ctx);
  deleteApiKeysOf(state, user.id);
  return empty(ctx, 204);
}

/**
 * PUT /users/{user}/password. The permission step (update_personal or update on the user,
 * otherwise Coder's usual 404) and the owner rule come before the body's password checks.
 */
export async function putUserPassword(ctx: Ctx): Promise<Response> {
  const { state } = ctx.env;
  const me = ctx.user as MockUser;
  const target = ctx.target as MockUser;
  const subject = rbacSubject(state, me);
  const object = userObject(target);
  if (
    authorize(subject, "update_personal", object) !== true &&
    authorize(subject, "update", object) !== true
  ) {
    return error(ctx, 404, { message: RESOURCE_NOT_FOUND });
  }
  const body = await readStruct(ctx.request, UpdateUserPasswordRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const oldPassword = body.value.old_password as string;
  const password = body.value.password as string;

  if (target.loginType !== "password") {
    return error(ctx, 400, {
      message: "Users without password login type cannot change their password.",
    });
  }
  if (target.id === me.id && oldPassword === "") {
    return error(ctx, 400, { message: "Old password is required." });
  }
  if (target.rbacRoles.includes("owner") && !me.rbacRoles.includes("owner")) {
    return error(ctx, 400, { message: "Only owners can change the password of an owner." });
  }
  const verdict = validatePassword(password);
  if (!verdict.valid) return invalidPassword(ctx, verdict.details);
  // Admins may leave the old password out; whatever is sent is checked.
  if (oldPassword !== "" && !passwordMatches(target, oldPassword)) {
    return error(ctx, 400, {
      message: "Old password is incorrect.",
      validations: [{ field: "old_password", detail: "Old password is incorrect." }],
    });
  }
  if (passwordMatches(target, password)) {
    return error(ctx, 400, { message: "New password cannot match old password." });
  }
  target.hashedPassword = hashSecret(password);
  target.updatedAt = now(ctx);
  deleteApiKeysOf(state, target.id);
  return empty(ctx, 204);
}
