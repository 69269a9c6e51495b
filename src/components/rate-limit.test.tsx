// A 429 seen the way a person with a screen reader meets it: what is announced, and how often,
// while the wait counts down; and what the button says meanwhile.
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/errors.ts";
import { announcementRecorder } from "../testing/live-regions.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { GuardedForm } from "./GuardedForm.tsx";
import { SubmitButton } from "./SubmitButton.tsx";
import { useSubmitGuard } from "./useSubmitGuard.ts";

const rateLimited = (retryAfterSeconds: number) =>
  new ApiError({ kind: "response", status: 429, message: "rate limited", retryAfterSeconds });

/** A form as every form in the app is built: guard, frame, alert, submit button. */
function Form({ answer }: { answer: () => Promise<undefined> }) {
  const guard = useSubmitGuard();
  return (
    <GuardedForm
      guards={[guard]}
      alert={<ErrorAlert error={guard.failure} />}
      onSubmit={(event) => {
        event.preventDefault();
        void guard.run(answer);
      }}
    >
      <label>
        Name <input name="name" />
      </label>
      <SubmitButton guard={guard} busyLabel="Sending…">
        Send
      </SubmitButton>
    </GuardedForm>
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

async function submit() {
  await act(async () => {
    fireEvent.submit(document.querySelector("form") as HTMLFormElement);
  });
}

describe("a rate-limited form", () => {
  it("announces the wait once, and once more when it ends; the countdown stays quiet", async () => {
    render(<Form answer={() => Promise.reject(rateLimited(60))} />);
    const recorder = announcementRecorder();
    await submit();
    recorder.snapshot();
    for (let second = 0; second < 65; second++) {
      act(() => vi.advanceTimersByTime(1000));
      recorder.snapshot();
    }
    expect(recorder.heard).toEqual([
      "Too many attempts. You can try again in 1 min.",
      "The wait is over: you can try again now.",
    ]);
  });

  it("shows the wait on the button without a spinner, keeping the button's name", async () => {
    render(<Form answer={() => Promise.reject(rateLimited(30))} />);
    await submit();
    const button = screen.getByRole("button", { name: "Send" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    expect(button).toHaveTextContent("Send(30 s)");
    expect(button.querySelector(".spinner")).toBeNull();
    act(() => vi.advanceTimersByTime(10_000));
    expect(button).toHaveTextContent("Send(20 s)");
    expect(screen.getByRole("button", { name: "Send" })).toBe(button);
    act(() => vi.advanceTimersByTime(20_000));
    expect(button).toHaveTextContent(/^Send$/);
    expect(button).not.toHaveAttribute("aria-disabled");
  });

  it("shows a spinner only while a request is out", async () => {
    let settle: () => void = () => {};
    render(
      <Form
        answer={() =>
          new Promise<undefined>((resolve) => {
            settle = () => resolve(undefined);
          })
        }
      />,
    );
    await submit();
    const button = screen.getByRole("button", { name: "Sending…" });
    expect(button.querySelector(".spinner")).not.toBeNull();
    await act(async () => settle());
    expect(screen.getByRole("button", { name: "Send" }).querySelector(".spinner")).toBeNull();
  });

  it("keeps the wait's alert while the person types, since typing doesn't shorten it", async () => {
    render(<Form answer={() => Promise.reject(rateLimited(30))} />);
    await submit();
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "x" } });
    expect(screen.getByRole("alert")).toHaveTextContent("Too many attempts.");
  });

  it("takes any other failure away when the person types", async () => {
    render(
      <Form
        answer={() =>
          Promise.reject(new ApiError({ kind: "response", status: 400, message: "Nope." }))
        }
      />,
    );
    await submit();
    expect(screen.getByRole("alert")).toHaveTextContent("Nope.");
    expect(document.querySelector("form")).toHaveAttribute("aria-describedby");
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "x" } });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(document.querySelector("form")).not.toHaveAttribute("aria-describedby");
  });
});
