// The mock's own pages (identity provider, mailbox, the dashboard stand-in) are sent with the
// app's headers: mock/html.ts cannot import this module (the mock imports no server code), so
// this test holds the two copies equal.
import { describe, expect, it } from "vitest";
import { PAGE_SECURITY_HEADERS } from "../mock/html.ts";
import { SECURITY_HEADERS } from "./headers.ts";

const lowerCased = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

describe("the mock's page headers", () => {
  it("are the app's security headers, name for name and value for value", () => {
    expect(PAGE_SECURITY_HEADERS).toEqual(lowerCased(SECURITY_HEADERS));
  });
});
