import { describe, expect, it } from "vitest";
import {
  AppearanceConfig,
  AuthMethods,
  AuthorizationResponse,
  CoderResponse,
  User,
} from "./schemas.ts";
import {
  array,
  boolean,
  check,
  nonEmptyString,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  withDefault,
} from "./shape.ts";

const fits = (shape: Parameters<typeof check>[0], value: unknown) => check(shape, value).ok;

describe("response shapes", () => {
  it("primitives accept their own type and nothing else", () => {
    expect(check(string, "a")).toEqual({ ok: true, value: "a" });
    expect(fits(string, 1)).toBe(false);
    expect(fits(string, null)).toBe(false);
    expect(fits(nonEmptyString, "")).toBe(false);
    expect(fits(nonEmptyString, "k")).toBe(true);
    expect(fits(boolean, false)).toBe(true);
    expect(fits(boolean, "true")).toBe(false);
    expect(fits(number, 0)).toBe(true);
    expect(fits(number, "5")).toBe(false);
    expect(fits(number, Number.NaN)).toBe(false);
  });

  it("optional lets a field be absent, not null; nullable lets it be null", () => {
    const shape = object({ a: optional(string), b: nullable(string) });
    expect(check(shape, { b: null })).toEqual({ ok: true, value: { b: null } });
    expect(fits(shape, { a: null, b: null })).toBe(false);
    expect(fits(shape, { a: "x" })).toBe(false);
  });

  it("a default fills an absent field only", () => {
    const shape = object({ interval: withDefault(number, 5) });
    expect(check(shape, {})).toEqual({ ok: true, value: { interval: 5 } });
    expect(check(shape, { interval: 2 })).toEqual({ ok: true, value: { interval: 2 } });
    expect(fits(shape, { interval: "2" })).toBe(false);
  });

  it("objects keep fields they don't name, and refuse arrays, null and text", () => {
    const shape = object({ id: string });
    expect(check(shape, { id: "1", added_later: true })).toEqual({
      ok: true,
      value: { id: "1", added_later: true },
    });
    for (const value of [[], null, "{}", 3, undefined]) expect(fits(shape, value)).toBe(false);
  });

  it("arrays and records check every entry", () => {
    expect(check(array(string), ["a", "b"])).toEqual({ ok: true, value: ["a", "b"] });
    expect(fits(array(string), ["a", 1])).toBe(false);
    expect(fits(array(string), { 0: "a" })).toBe(false);
    expect(check(record(boolean), { a: true })).toEqual({ ok: true, value: { a: true } });
    expect(fits(record(boolean), { a: "yes" })).toBe(false);
    expect(fits(record(boolean), [true])).toBe(false);
  });

  it("a mistake in our own code is not taken for a bad response", () => {
    const broken = () => {
      throw new TypeError("bug");
    };
    expect(() => check(broken, {})).toThrow(TypeError);
  });
});

describe("Coder's bodies", () => {
  it("reads a user as Coder sends it, with fields this UI doesn't know", () => {
    const body = {
      id: "u1",
      username: "member",
      email: "member@coder.com",
      status: "active",
      login_type: "password",
      roles: [{ name: "member", display_name: "Member" }],
      organization_ids: null,
      theme_preference: "dark",
    };
    expect(check(User, body)).toEqual({ ok: true, value: body });
    expect(fits(User, { ...body, email: undefined })).toBe(false);
    expect(fits(User, { ...body, roles: [{ display_name: "no name" }] })).toBe(false);
  });

  it("reads the error envelope with or without validations", () => {
    expect(fits(CoderResponse, { message: "Bad" })).toBe(true);
    expect(fits(CoderResponse, { message: "Bad", validations: null })).toBe(true);
    expect(
      fits(CoderResponse, { message: "Bad", validations: [{ field: "email", detail: "x" }] }),
    ).toBe(true);
    expect(fits(CoderResponse, { message: "Bad", validations: [{ field: "email" }] })).toBe(false);
    expect(fits(CoderResponse, { error: "nope" })).toBe(false);
  });

  it("fills what Go leaves out of the appearance, and refuses a wrong type", () => {
    expect(check(AppearanceConfig, { announcement_banners: [{ enabled: true }] })).toEqual({
      ok: true,
      value: {
        application_name: "",
        logo_url: "",
        announcement_banners: [{ enabled: true, message: "", background_color: "" }],
        support_links: [],
      },
    });
    expect(fits(AppearanceConfig, { logo_url: 7 })).toBe(false);
  });

  it("needs each sign-in method's switch, and only that", () => {
    const methods = {
      password: { enabled: true },
      github: { enabled: false },
      oidc: { enabled: true, signInText: "Okta" },
    };
    expect(fits(AuthMethods, methods)).toBe(true);
    expect(fits(AuthMethods, { ...methods, github: {} })).toBe(false);
    expect(fits(AuthorizationResponse, { read: true, update: false })).toBe(true);
  });
});
