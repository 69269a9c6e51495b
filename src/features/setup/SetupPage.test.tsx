import { configure, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";

const STRONG = "Correct-Horse-Battery-42";

// The whole app with lazy routes and real handlers: allow more than a second on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

const { mock, server } = setupMockCoder();
const sent: Array<{ path: string; body: unknown }> = [];
server.events.on("request:start", async ({ request }) => {
  const path = new URL(request.url).pathname;
  if (request.method === "POST" && path.startsWith("/api/v2/users/"))
    sent.push({ path: path.slice("/api/v2".length), body: await request.clone().json() });
});
const posted = (path: string) => sent.filter((r) => r.path === path).map((r) => r.body);

let assign: ReturnType<typeof vi.fn<(url: string) => void>>;
beforeEach(() => {
  mock.reset({ users: "none" });
  assign = vi.fn<(url: string) => void>();
  vi.spyOn(fullPageNavigation, "assign").mockImplementation(assign);
});
afterEach(() => {
  localStorage.clear();
  sent.length = 0;
  vi.restoreAllMocks();
});

const heading = () => screen.findByRole("heading", { level: 1, name: "Create the first account" });
const field = (label: string | RegExp) => screen.getByLabelText(label, { selector: "input" });

async function openSetup() {
  const app = renderApp("/setup");
  await heading();
  return app;
}

async function fill(
  user: ReturnType<typeof renderApp>["user"],
  values: { email: string; username?: string; name?: string; password: string },
) {
  await user.type(field("Email"), values.email);
  if (values.username !== undefined) {
    await user.clear(field("Username"));
    await user.type(field("Username"), values.username);
  }
  if (values.name) await user.type(field("Full name (optional)"), values.name);
  if (values.password) await user.type(field("Password"), values.password);
}

const createButton = () => screen.getByRole("button", { name: "Create account" });

describe("who gets to /setup", () => {
  it.each(["/login", "/reset-password", "/settings/security", "/cli-auth"])(
    "an empty deployment sends %s there",
    async (path) => {
      const { location } = renderApp(path);
      await heading();
      expect(location().pathname).toBe("/setup");
    },
  );

  it("a deployment with users sends /setup to sign-in", async () => {
    mock.reset();
    const { location } = renderApp("/setup");
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    expect(location().pathname).toBe("/login");
  });

  it("a signed-in browser doesn't ask at all", async () => {
    mock.reset();
    const login = await fetch("/api/v2/users/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "member@coder.com", password: "SomeSecurePassword!" }),
    });
    expect(login.status).toBe(201);
    localStorage.setItem("coder-auth-ui.signed-in", "1");
    const asked: string[] = [];
    const listener = ({ request }: { request: Request }) => {
      if (new URL(request.url).pathname === "/api/v2/users/first") asked.push(request.method);
    };
    server.events.on("request:start", listener);
    renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    await screen.findByRole("heading", { level: 1, name: "Security" });
    server.events.removeListener("request:start", listener);
    expect(asked).toEqual([]);
  });
});

describe("the form", () => {
  it("suggests a username from the email until the username is typed in", async () => {
    const { user } = await openSetup();
    await user.type(field("Email"), "Ada.Lovelace");
    // The form's code arrived with the first keystroke and took over the same fields.
    const email = field("Email");
    const username = field("Username");
    await waitFor(() => expect(username).toHaveValue("ada-lovelace"));
    await user.type(email, "@example.com");
    expect(username).toHaveValue("ada-lovelace");

    await user.clear(username);
    await user.type(username, "countess");
    await user.clear(email);
    await user.type(email, "someone@example.com");
    expect(username).toHaveValue("countess");

    // Emptied, it follows the email again.
    await user.clear(username);
    await user.clear(email);
    await user.type(email, "grace.hopper@example.com");
    expect(username).toHaveValue("grace-hopper");
  });

  it("has what password managers and keyboards need", async () => {
    await openSetup();
    expect(field("Email")).toHaveAttribute("autocomplete", "username");
    expect(field("Email")).toHaveAttribute("type", "email");
    expect(field("Password")).toHaveAttribute("autocomplete", "new-password");
    expect(field("Username")).toHaveAttribute("autocomplete", "nickname");
    expect(field("Full name (optional)")).toHaveAttribute("autocomplete", "name");
  });

  // Issue 21: focus was on the page's body, as on no other form page.
  it("puts the cursor in the first field, as Coder's setup page does", async () => {
    await openSetup();
    await waitFor(() => expect(field("Email")).toHaveFocus());
  });

  it("checks Coder's name rules before sending, on the field", async () => {
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", username: "-ada", password: STRONG });
    await user.click(createButton());
    const username = field("Username");
    expect(await screen.findByText(/Use only letters, digits and single hyphens/)).toBeVisible();
    expect(username).toHaveAttribute("aria-invalid", "true");
    expect(username).toHaveAccessibleDescription(/Use only letters, digits and single hyphens/);
    expect(username).toHaveFocus();
    expect(posted("/users/first")).toEqual([]);
  });

  it("asks for a password, not a new one: there is no old one yet", async () => {
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", username: "ada", password: "" });
    await user.click(createButton());
    expect(await screen.findByText("Enter a password.")).toBeVisible();
    expect(field("Password")).toHaveAccessibleDescription(/^Enter a password\./);
    expect(posted("/users/first")).toEqual([]);
  });

  it("refuses a weak password with the live strength, before sending", async () => {
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: "password1" });
    await user.click(createButton());
    expect(await screen.findByText(/too easy to guess/)).toBeVisible();
    expect(field("Password")).toHaveAttribute("aria-invalid", "true");
    expect(posted("/users/first")).toEqual([]);
  });

  it("creates the owner, signs in with the same credentials, and loads Coder's dashboard", async () => {
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", name: "  Ada Lovelace ", password: STRONG });
    await user.click(createButton());
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(posted("/users/first")).toEqual([
      {
        email: "ada@example.com",
        username: "ada",
        name: "Ada Lovelace",
        password: STRONG,
        trial: false,
      },
    ]);
    expect(posted("/users/login")).toEqual([{ email: "ada@example.com", password: STRONG }]);
    // Still locked while the dashboard loads.
    expect(screen.getByRole("button", { name: /Signing in/ })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    const me = await fetch("/api/v2/users/me");
    expect(await me.json()).toMatchObject({
      email: "ada@example.com",
      username: "ada",
      roles: [{ name: "owner" }],
    });
  });

  it("sends one request however often it is submitted", async () => {
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.dblClick(createButton());
    await user.keyboard("{Enter}");
    await waitFor(() => expect(assign).toHaveBeenCalled());
    expect(posted("/users/first")).toHaveLength(1);
    expect(posted("/users/login")).toHaveLength(1);
  });

  it("puts the server's field refusals on their fields, in our words", async () => {
    server.use(
      http.post("*/api/v2/users/first", () =>
        HttpResponse.json(
          {
            message: "Validation failed.",
            validations: [
              { field: "username", detail: 'Validation failed for tag "username" with value: "x"' },
              {
                field: "name",
                detail: 'Validation failed for tag "user_real_name" with value: "x"',
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.click(createButton());
    expect(await screen.findByText(/Coder didn't accept this username/)).toBeVisible();
    expect(screen.getByText(/Coder didn't accept this name/)).toBeVisible();
    expect(field("Username")).toHaveFocus();
    expect(field("Full name (optional)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(field("Password")).toHaveValue(STRONG);
  });

  it("puts Coder's password verdict on the password field", async () => {
    // A future Coder with a stricter rule: only the server knows.
    server.use(
      http.post("*/api/v2/users/first", () =>
        HttpResponse.json(
          {
            message: "Password is invalid",
            validations: [
              { field: "password", detail: "password must be no more than 64 characters" },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.click(createButton());
    expect(await screen.findByText(/This password is too long/)).toBeVisible();
    expect(field("Password")).toHaveFocus();
  });

  it("says when someone else finished first, and offers sign-in", async () => {
    const { user, location } = await openSetup();
    // Someone else, elsewhere, between page load and submit.
    const other = await fetch("/api/v2/users/first", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      body: JSON.stringify({ email: "bob@example.com", username: "bob", password: STRONG }),
    });
    expect(other.status).toBe(201);
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.click(createButton());
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(/Someone else finished setting up this deployment/);
    expect(field("Email")).toHaveValue("ada@example.com");
    expect(location().pathname).toBe("/setup");
    await user.click(screen.getByRole("link", { name: "Go to sign in" }));
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    expect(location().pathname).toBe("/login");
    expect(posted("/users/login")).toEqual([]);
  });

  it("keeps everything typed when the server can't be reached, and then works", async () => {
    server.use(http.post("*/api/v2/users/first", () => HttpResponse.error(), { once: true }));
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", name: "Ada", password: STRONG });
    await user.click(createButton());
    expect(await screen.findByRole("alert")).toHaveTextContent("Can't reach the server.");
    expect(field("Email")).toHaveValue("ada@example.com");
    expect(field("Username")).toHaveValue("ada");
    expect(field("Full name (optional)")).toHaveValue("Ada");
    expect(field("Password")).toHaveValue(STRONG);
    await user.click(createButton());
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
  });

  it("when signing in fails after the account was made, offers sign-in without making it again", async () => {
    server.use(
      http.post(
        "*/api/v2/users/login",
        () => HttpResponse.json({ message: "Internal error." }, { status: 500 }),
        { once: true },
      ),
    );
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.click(createButton());
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your account was created, but signing in didn't work: Internal error.",
    );
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
    expect(posted("/users/first")).toHaveLength(1);
    expect(posted("/users/login")).toHaveLength(2);
  });
});

// Issue 21: Coder's own setup page offers an Enterprise trial (`trial`, `trial_info`).
describe("the Enterprise trial", () => {
  const trialBox = () =>
    screen.getByRole("checkbox", { name: "Start a 30-day trial of Coder Premium" });
  const TRIAL_INFO = {
    first_name: "Ada",
    last_name: "Lovelace",
    phone_number: "+44 20 7946 0000",
    job_title: "Engineer",
    company_name: "Analytical Engines",
    country: "United Kingdom",
    developers: "101-500",
  };
  async function fillTrial(user: ReturnType<typeof renderApp>["user"]) {
    await user.type(field("First name"), TRIAL_INFO.first_name);
    await user.type(field("Last name"), TRIAL_INFO.last_name);
    await user.type(field("Phone number"), TRIAL_INFO.phone_number);
    await user.type(field("Job title"), TRIAL_INFO.job_title);
    await user.type(field("Company"), TRIAL_INFO.company_name);
    await user.type(field("Country"), TRIAL_INFO.country);
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Developers at your company" }),
      TRIAL_INFO.developers,
    );
  }

  it("is offered, unticked, and asks nothing more until ticked", async () => {
    const { user } = await openSetup();
    expect(trialBox()).not.toBeChecked();
    expect(screen.queryByLabelText("First name")).toBeNull();
    await user.click(trialBox());
    expect(await screen.findByLabelText("First name")).toBeVisible();
  });

  it("checks its fields like the rest before sending, each on its field", async () => {
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.click(trialBox());
    await user.click(createButton());
    expect(await screen.findByText("Enter your first name.")).toBeVisible();
    for (const [label, message] of [
      ["Last name", "Enter your last name."],
      ["Phone number", "Enter your phone number."],
      ["Job title", "Enter your job title."],
      ["Company", "Enter your company's name."],
      ["Country", "Enter your country."],
    ])
      expect(field(label as string)).toHaveAccessibleDescription(message);
    expect(
      screen.getByRole("combobox", { name: "Developers at your company" }),
    ).toHaveAccessibleDescription("Choose how many developers your company has.");
    expect(field("First name")).toHaveFocus();
    expect(posted("/users/first")).toEqual([]);
  });

  it("sends the trial and what the licensor asks for", async () => {
    server.use(
      http.post("*/api/v2/users/first", () =>
        HttpResponse.json({ user_id: "u1", organization_id: "o1" }, { status: 201 }),
      ),
    );
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.click(trialBox());
    await fillTrial(user);
    await user.click(createButton());
    await waitFor(() => expect(posted("/users/first")).toHaveLength(1));
    expect(posted("/users/first")[0]).toEqual({
      email: "ada@example.com",
      username: "ada",
      name: "",
      password: STRONG,
      trial: true,
      trial_info: TRIAL_INFO,
    });
  });

  it("when the licensor refuses, says no account was made and how to go on without it", async () => {
    server.use(
      http.post(
        "*/api/v2/users/first",
        () =>
          HttpResponse.json(
            { message: "Failed to generate trial", detail: "perform license request: timeout" },
            { status: 500 },
          ),
        { once: true },
      ),
    );
    const { user } = await openSetup();
    await fill(user, { email: "ada@example.com", password: STRONG });
    await user.click(trialBox());
    await fillTrial(user);
    await user.click(createButton());
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "Coder couldn't start the trial, so no account was created yet. Untick the trial to create the account without it; you can start a trial later. To get one now, contact Coder's sales team.",
    );
    expect(screen.getByRole("link", { name: /^Contact Coder's sales team/ })).toHaveAttribute(
      "href",
      "https://coder.com/contact/sales",
    );
    // Untick, and the same form goes through without it.
    await user.click(trialBox());
    await user.click(createButton());
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
    expect(posted("/users/first")[1]).toMatchObject({ trial: false });
    expect(posted("/users/first")[1]).not.toHaveProperty("trial_info");
  });
});

describe("without password sign-in", () => {
  it("offers GitHub when Coder's built-in GitHub app may create the first account", async () => {
    mock.config.passwordAuth = false;
    mock.config.githubDefaultProvider = true;
    await openSetup();
    const github = await screen.findByRole("link", { name: "Continue with GitHub" });
    expect(github).toHaveAttribute("href", "/api/v2/users/oauth2/github/callback?redirect=%2F");
    await waitFor(() => expect(screen.queryByLabelText("Email")).toBeNull());
  });

  it("says there is no way in here when nothing else is on", async () => {
    mock.config.passwordAuth = false;
    await openSetup();
    expect(await screen.findByText(/Password sign-in is turned off/)).toBeVisible();
    expect(screen.queryByRole("link", { name: "Continue with GitHub" })).toBeNull();
    expect(screen.queryByLabelText("Email")).toBeNull();
  });

  it("offers GitHub under the form when both are on (it arrives later: it pushes nothing)", async () => {
    mock.config.githubDefaultProvider = true;
    await openSetup();
    const github = await screen.findByRole("link", { name: "Continue with GitHub" });
    expect(field("Email")).toBeVisible();
    expect(
      createButton().compareDocumentPosition(github) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});
