import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clearCooldowns,
  nextRequestAt,
  RESEND_COOLDOWN_MS,
  recordRequest,
} from "./resend-cooldown.ts";

// Runs under Node, where there is no sessionStorage: this also covers the blocked-storage path.
describe("resend cooldown", () => {
  afterEach(() => {
    clearCooldowns();
    vi.useRealTimers();
  });

  it("holds an address back for a minute after a request", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    expect(nextRequestAt("member@coder.com")).toBeUndefined();
    recordRequest("member@coder.com");
    expect(nextRequestAt("member@coder.com")).toBe(1_000_000 + RESEND_COOLDOWN_MS);
    vi.advanceTimersByTime(RESEND_COOLDOWN_MS - 1);
    expect(nextRequestAt("member@coder.com")).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(nextRequestAt("member@coder.com")).toBeUndefined();
  });

  it("treats an address the way the server does: case and outer spaces don't matter", () => {
    recordRequest(" Member@Coder.com ");
    expect(nextRequestAt("member@coder.com")).toBeDefined();
    expect(nextRequestAt("admin@coder.com")).toBeUndefined();
    expect(nextRequestAt("")).toBeUndefined();
  });

  it("never shortens a wait it already knows about", () => {
    vi.useFakeTimers({ now: 0 });
    recordRequest("a@b.c", 120_000);
    recordRequest("a@b.c", 60_000);
    expect(nextRequestAt("a@b.c")).toBe(120_000);
  });
});
