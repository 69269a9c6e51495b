// Mutation checks: each entry breaks one thing in the code, runs the tests that claim to guard it,
// and puts the code back. A test that stays green under its mutation proves less than its name.
//
//   npm run mutations                  every unit mutation (a few minutes)
//   npm run mutations -- --e2e         the end-to-end ones too (builds the app for each)
//   npm run mutations -- safe-redirect-dot-segment guard-no-lock   just these
//   npm run mutations -- --tests-from main   the same mutations against main's test files
//
// docs/mutations.md explains the list. The file being mutated is restored even on Ctrl-C. Each
// entry's test output is kept in mutation-logs/<run>/<id>.log (git-ignored); the path is printed.
// An entry that selects no test, or whose tests fail to load, is BROKEN: it proves nothing.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";

type Runner = "vitest" | "playwright" | "knip";

interface Mutation {
  id: string;
  file: string;
  from: string;
  to: string;
  runner: Runner;
  /** Test files to run (vitest, playwright); none for knip. */
  tests: string[];
  /** Most mutations must make a test fail; some must not (the test must not rest on a stand-in). */
  expect?: "fail" | "pass";
}

const ROOT = join(import.meta.dirname, "..");
const GUARD = "src/components/useSubmitGuard.ts";
const GUARD_TEST = ["src/components/useSubmitGuard.test.tsx"];
const REDIRECT = "src/lib/safe-redirect.ts";
const REDIRECT_TEST = ["src/lib/safe-redirect.test.ts"];
const RULE_TEST = ["src/password/rule.test.ts"];
const DIALOG_TEST = ["src/components/Dialog.test.tsx"];
const BOUNDARY_TEST = ["src/module-boundaries.test.ts"];

/** The sign-in page shows whatever `?message=` says, where it should show only known messages. */
const LOGIN_SHOWS_URL_TEXT =
  'const notice = loginMessage(reason ?? messageId ?? null) ?? (params.get("message") ? { tone: "info" as const, text: params.get("message") ?? "" } : undefined);';

const vitest = (
  id: string,
  file: string,
  from: string,
  to: string,
  tests: string[],
  expect: "fail" | "pass" = "fail",
): Mutation => ({ id, file, from, to, runner: "vitest", tests, expect });

const MUTATIONS: Mutation[] = [
  // The submit guard.
  vitest(
    "guard-no-lock",
    GUARD,
    "if (lock.current || retryIn > 0) return;",
    "if (retryIn > 0) return;",
    GUARD_TEST,
  ),
  vitest(
    "guard-no-retry-wait",
    GUARD,
    "if (lock.current || retryIn > 0) return;",
    "if (lock.current) return;",
    GUARD_TEST,
  ),
  vitest(
    "guard-stays-locked-after-failure",
    GUARD,
    "} catch (error) {\n      lock.current = false;",
    "} catch (error) {",
    GUARD_TEST,
  ),
  vitest("guard-unlocks-after-leaving", GUARD, "if (outcome === LEAVING) return;", "", GUARD_TEST),
  vitest(
    "guard-keeps-old-failure",
    GUARD,
    "setFailure(null);\n    let outcome",
    "let outcome",
    GUARD_TEST,
  ),
  vitest(
    "guard-ignores-form-handling",
    GUARD,
    "if (!onFailure?.(error)) setFailure(error);",
    "setFailure(error);",
    GUARD_TEST,
  ),
  vitest(
    "guard-ignores-shared-lock",
    GUARD,
    "const lock = sharedLock ?? ownLock;",
    "const lock = ownLock;",
    GUARD_TEST,
  ),
  vitest(
    "retry-after-default",
    "src/components/useCountdown.ts",
    "(error.retryAfterSeconds ?? 60)",
    "(error.retryAfterSeconds ?? 0)",
    GUARD_TEST,
  ),

  // Each defence of safeRedirect.
  vitest("safe-redirect-length", REDIRECT, " || target.length > MAX_LENGTH", "", REDIRECT_TEST),
  vitest(
    "safe-redirect-leading-slash",
    REDIRECT,
    'if (!target.startsWith("/")) return FALLBACK;',
    "",
    REDIRECT_TEST,
  ),
  vitest("safe-redirect-double-slash", REDIRECT, 'form.startsWith("//") || ', "", REDIRECT_TEST),
  vitest(
    "safe-redirect-forbidden-chars",
    REDIRECT,
    "hasForbiddenChar(form) || ",
    "",
    REDIRECT_TEST,
  ),
  vitest(
    "safe-redirect-backslash",
    REDIRECT,
    '      char === "\\\\"\n',
    "      false\n",
    REDIRECT_TEST,
  ),
  vitest("safe-redirect-space", REDIRECT, "code <= 0x20 ||", "code < 0x20 ||", REDIRECT_TEST),
  vitest("safe-redirect-dot-segment", REDIRECT, " || hasDotSegment(form)", "", REDIRECT_TEST),
  vitest(
    "safe-redirect-undecodable",
    REDIRECT,
    "if (next === undefined) return FALLBACK;",
    "if (next === undefined) break;",
    REDIRECT_TEST,
  ),
  vitest(
    "safe-redirect-too-deep",
    REDIRECT,
    "if (decodes === MAX_DECODES) return FALLBACK;",
    "if (decodes === MAX_DECODES) break;",
    REDIRECT_TEST,
  ),
  vitest(
    "safe-redirect-fewer-decodes",
    REDIRECT,
    "const MAX_DECODES = 3;",
    "const MAX_DECODES = 2;",
    REDIRECT_TEST,
  ),
  vitest(
    "safe-redirect-login-loop",
    REDIRECT,
    'if (url.pathname === "/login") return FALLBACK;',
    "",
    REDIRECT_TEST,
  ),

  // The password rule's arithmetic.
  vitest(
    "log2-is-math-log2",
    "src/password/log2.ts",
    "return goLog(frac) * INV_LN2 + exp;",
    "return Math.log2(x);",
    RULE_TEST,
  ),
  vitest(
    "entropy-multiplied",
    "src/password/measure.ts",
    "for (let i = 0; i < reducedBytes; i++) entropy += step;",
    "entropy = reducedBytes * step;",
    RULE_TEST,
  ),

  // Dialog: what it does, not what the jsdom stand-in does.
  vitest(
    "dialog-not-modal",
    "src/components/Dialog.tsx",
    "dialog.showModal();",
    "dialog.show();",
    DIALOG_TEST,
  ),
  vitest(
    "dialog-no-description",
    "src/components/Dialog.tsx",
    "aria-describedby={descriptionId}",
    "",
    DIALOG_TEST,
  ),
  vitest(
    "dialog-no-focus-return",
    "src/components/Dialog.tsx",
    "if (target?.isConnected) target.focus();",
    "",
    DIALOG_TEST,
  ),
  vitest(
    "stand-in-gives-no-focus",
    "vitest.setup.ts",
    'this.querySelector<HTMLElement>("input:not([hidden]), button, a[href]")?.focus();',
    "",
    DIALOG_TEST,
    "pass",
  ),

  // Permissions are asked only for someone signed in.
  vitest(
    "permissions-always-asked",
    "src/api/permissions.ts",
    "enabled: signedIn",
    "enabled: true",
    ["src/api/permissions.test.ts"],
  ),

  // Module boundaries.
  vitest(
    "lint-allows-feature-imports",
    "biome.json",
    // The rule for src/features/** (the Views' overrides repeat its group): the one followed by
    // the ban on React Router's links.
    '"group": ["../*/**", "!../../**", "**/features/**"],\n                    "message": "A feature never imports another feature: move what both need to a shared module (components/, forms/, session/, sso/, lib/)."\n                  },\n                  {\n                    "group": ["react-router", "react-router/**"],',
    '"group": ["**/features/**"],\n                    "message": "A feature never imports another feature: move what both need to a shared module (components/, forms/, session/, sso/, lib/)."\n                  },\n                  {\n                    "group": ["react-router", "react-router/**"],',
    BOUNDARY_TEST,
  ),
  vitest(
    "lint-allows-react-in-mock",
    "biome.json",
    '"react",\n                      "react/**",',
    "",
    BOUNDARY_TEST,
  ),

  // A dialog closed with Escape and opened again at once (the browser's close event comes late).
  vitest(
    "dialog-escape-waits-for-close-event",
    "src/components/Dialog.tsx",
    "event.preventDefault();\n    if (!preventClose) onClose();",
    "if (preventClose) event.preventDefault();",
    DIALOG_TEST,
  ),
  vitest(
    "dialog-late-close-event-closes-again",
    "src/components/Dialog.tsx",
    "if (ref.current?.open) return;",
    "",
    DIALOG_TEST,
  ),

  // Presses and submits across a swap (the prerendered page, a form's stand-in).
  vitest(
    "swap-ignores-press",
    "src/components/DeferredForm.tsx",
    "presses.unlessPressed(swap);",
    "swap();",
    ["src/components/DeferredForm.test.tsx"],
  ),
  vitest(
    "takeover-drops-press",
    "src/app/static-handoff.ts",
    "if (pressedRef) finishPressOnCopy(() => findControl(app, pressedRef));",
    "",
    ["src/app/static-handoff.test.tsx"],
  ),
  vitest(
    "takeover-finds-control-by-position",
    "src/components/typed-state.ts",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to find, not a template
    "if (name) return `field:${name}`;",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to write, not a template
    'if (name) return `field:${name}`;\n  return "control";',
    ["src/app/static-handoff.test.tsx"],
  ),
  vitest(
    "static-show-does-nothing",
    "src/app/static-page-controls.ts",
    '    input.type = show ? "text" : "password";\n',
    "",
    ["src/app/static-handoff.test.tsx"],
  ),
  vitest(
    "static-submit-dropped",
    "src/app/static-handoff.ts",
    'if (submitted !== -1) app.querySelectorAll("form").item(submitted)?.requestSubmit();',
    "",
    ["src/app/static-handoff.test.tsx"],
  ),

  // Response shapes.
  vitest(
    "shape-drops-unknown-fields",
    "src/api/shape.ts",
    "const result: Record<string, unknown> = { ...value };",
    "const result: Record<string, unknown> = {};",
    ["src/api/shape.test.ts"],
  ),
  vitest(
    "shape-optional-takes-null",
    "src/api/shape.ts",
    "(value: unknown) => (value === undefined ? undefined : shape(value))",
    "(value: unknown) => (value == null ? undefined : shape(value))",
    ["src/api/shape.test.ts"],
  ),
  vitest(
    "shape-hides-our-bugs",
    "src/api/shape.ts",
    "    if (error instanceof ShapeMismatch) return { ok: false };\n    throw error;",
    "    return { ok: false };",
    ["src/api/shape.test.ts"],
  ),
  vitest(
    "email-pattern-drifts",
    "src/forms/email-pattern.ts",
    "[A-Za-z]{2,}$/;",
    "[A-Za-z]{1,}$/;",
    ["src/forms/email-pattern.test.ts"],
  ),
  vitest(
    "device-polls-at-deadline",
    "src/features/github-device/useDevicePolling.ts",
    "if (seconds * 1000 >= untilExpiry) {",
    "if (seconds * 1000 > untilExpiry) {",
    ["src/features/github-device/useDevicePolling.test.tsx"],
  ),
  vitest(
    "device-refusal-raw",
    "src/features/github-device/GithubDevicePageView.tsx",
    "message = loginMessages[id].text;",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to write, not a template
    "message = `GitHub sign-in couldn't finish. ${error.message}`;",
    ["src/features/github-device/GithubDevicePage.test.tsx"],
  ),
  vitest(
    "trial-fields-unchecked",
    "src/features/setup/SetupForm.tsx",
    "  if (!values.trial) return;\n  for (const field of TRIAL_FIELDS)",
    "  return;\n  for (const field of TRIAL_FIELDS)",
    ["src/features/setup/SetupPage.test.tsx"],
  ),
  // The front door in Node (issue 19).
  vitest(
    "proxy-resolves-path",
    "server/coder-proxy.ts",
    "    if (resolved.origin !== upstream.origin) return undefined;\n    return { url: upstreamOrigin, path };",
    "    resolved = new URL(path, upstream.origin);\n    return { url: resolved, path: resolved.pathname + resolved.search };",
    ["server/robustness.test.ts"],
  ),
  vitest(
    "preview-any-host",
    "server/host-check.ts",
    "  if (allowed === true) return true;",
    "  if (allowed) return true;",
    ["server/robustness.test.ts"],
  ),
  vitest(
    "dev-upgrade-any-host",
    "server/vite-dev.ts",
    "if (!isAllowedHost(req.headers.host, server.config.server.allowedHosts)) {",
    "if (!isAllowedHost(req.headers.host, true)) {",
    ["server/robustness.test.ts"],
  ),
  vitest(
    "gzip-q0-ignored",
    "server/serve-dist.ts",
    'const gzipWeight = q.get("gzip") ?? q.get("x-gzip") ?? q.get("*") ?? 0;',
    'const gzipWeight = Math.max(weight("gzip"), weight("x-gzip"));',
    ["server/robustness.test.ts", "server/serve-dist.test.ts"],
  ),
  vitest(
    "check-deployment-misses-seam",
    "scripts/check-deployment.ts",
    "expect(count === wanted,",
    "expect(count >= 0,",
    ["scripts/check-deployment.test.ts"],
  ),
  vitest(
    "new-build-on-any-failure",
    "src/components/new-build.ts",
    "return answer.status === 404 || answer.status === 410;",
    "return answer.status >= 400;",
    ["src/components/new-build.test.tsx"],
  ),
  vitest(
    "new-build-keeps-secrets",
    "src/components/new-build.ts",
    "  return !/pass|otp|code|token|secret/i.test(input.name);",
    "  return true;",
    ["src/components/new-build.test.tsx"],
  ),
  vitest(
    "new-build-reload-loop",
    "src/components/new-build.ts",
    "if (!asked && Date.now() - last < RELOAD_GUARD_MS) return false;",
    "if (!asked && last < 0) return false;",
    ["src/components/new-build.test.tsx"],
  ),
  vitest(
    "coder-version-notice-for-all",
    "src/features/settings/CoderVersionNotice.tsx",
    "const owner = usePermissions().data?.manageDeployment === true;",
    "const owner = usePermissions().data !== undefined;",
    ["src/features/settings/CoderVersionNotice.test.tsx"],
  ),

  // The user's theme and Coder's settings navigation.
  vitest(
    "theme-ignores-light",
    "src/lib/theme.ts",
    '  if (preference.startsWith("light")) return "light";\n',
    "",
    ["src/lib/theme.test.ts", "src/features/session/UserTheme.test.tsx"],
  ),
  vitest(
    "theme-first-frame-forgets-hint",
    "src/app/theme-first-frame.ts",
    'if (theme === "light" || theme === "auto") document.documentElement.dataset.theme = theme;',
    "void theme;",
    ["src/features/session/UserTheme.test.tsx"],
  ),
  vitest(
    "theme-stays-after-sign-out",
    "src/features/session/useUserTheme.ts",
    "  useLayoutEffect(() => showDefaultTheme, []);\n",
    "",
    ["src/features/session/UserTheme.test.tsx"],
  ),
  vitest(
    "settings-nav-never-schedule",
    "src/features/settings/settings-nav.ts",
    'facts.enabledFeatures.has("advanced_template_scheduling")',
    "false",
    ["src/features/settings/settings-nav.test.ts", "src/features/settings/SettingsNav.test.tsx"],
  ),
  vitest(
    "settings-nav-no-current",
    "src/features/settings/SettingsNav.tsx",
    'aria-current={item.href === current ? "page" : undefined}',
    "aria-current={undefined}",
    ["src/features/settings/SettingsNav.test.tsx"],
  ),
  vitest(
    "oidc-notice-unnamed",
    "src/features/login/LoginPage.tsx",
    '(reason ?? messageId) === "login-type-changed-oidc" && oidcLabel',
    '(reason ?? messageId) === "login-type-changed-oidc" && false',
    ["src/features/login/sso-messages.test.tsx"],
  ),

  // Exact messages, where the pages and the API client say them.
  vitest(
    "reset-pages-show-internal-error",
    "src/features/reset-password/reset-errors.ts",
    'if (error.kind === "response" && error.status >= 500)',
    'if (error.kind === "response" && error.status >= 600)',
    ["src/features/reset-password/RequestCodePage.test.tsx"],
  ),
  vitest(
    "network-message-cut-short",
    "src/api/errors.ts",
    `return "Can't reach the server. Check your connection and try again.";`,
    `return "Can't reach the server.";`,
    ["src/features/reset-password/RequestCodePage.test.tsx"],
  ),
  vitest(
    "login-shows-unknown-message",
    "src/features/login/LoginPage.tsx",
    "const notice = loginMessage(reason ?? messageId ?? null);",
    LOGIN_SHOWS_URL_TEXT,
    ["src/features/login/sso-messages.test.tsx"],
  ),
  vitest(
    "static-page-shows-unknown-message",
    "src/session/login-messages.ts",
    "return known ? loginMessages[known] : undefined;",
    'return known ? loginMessages[known] : id ? { tone: "info" as const, text: id } : undefined;',
    ["src/app/static-page-controls.test.tsx"],
  ),

  // CSRF: what is nosurf's refusal, and a token read again when the last read had none.
  vitest(
    "csrf-json-400-retried",
    "src/api/client.ts",
    ' && !text.trimStart().startsWith("{")',
    "",
    ["src/api/csrf.test.ts"],
  ),
  vitest(
    "csrf-empty-read-kept-for-writes",
    "src/api/csrf.ts",
    "  if (loadedCoderPage() !== undefined) return loadCsrfToken({ fresh: true });\n",
    "",
    ["src/api/csrf.test.ts"],
  ),
  vitest(
    "csrf-empty-read-kept-at-mount",
    "src/api/csrf.ts",
    "const fresh = options.fresh || loadedCoderPage() !== undefined;",
    "const fresh = options.fresh;",
    ["src/api/csrf.test.ts"],
  ),

  // Single sign-on: no loop, and the end of a round trip.
  vitest(
    "single-provider-starts-without-storage",
    "src/features/login/single-provider.ts",
    "momentWithin(KEY, AUTO_START_COOLDOWN_MS, now) ?? true;",
    "momentWithin(KEY, AUTO_START_COOLDOWN_MS, now) ?? false;",
    ["src/features/login/single-provider.test.tsx"],
  ),
  vitest(
    "single-provider-start-not-noted-as-trip",
    "src/features/login/LoginPage.tsx",
    "    markRoundTrip();\n    fullPageNavigation",
    "    fullPageNavigation",
    ["src/features/login/single-provider.test.tsx"],
  ),
  vitest(
    "sso-button-notes-no-trip",
    "src/features/login/SsoButtons.tsx",
    "onClick={() => markRoundTrip()}",
    "",
    ["src/features/login/round-trip.test.tsx"],
  ),
  vitest(
    "round-trip-never-forgotten",
    "src/features/login/LoginPage.tsx",
    "if (afterRoundTrip) forgetRoundTrip();",
    "",
    ["src/features/login/round-trip.test.tsx"],
  ),
  vitest(
    "round-trip-not-asked",
    "src/app/routes.ts",
    "  if (hasSessionHint() || backFromSilentRoundTrip(window.location.search))",
    "  if (hasSessionHint())",
    ["src/features/login/round-trip.test.tsx"],
  ),
  vitest(
    "round-trip-ignores-message",
    "src/sso/round-trip.ts",
    ' && !new URLSearchParams(search).has("message")',
    "",
    ["src/features/login/round-trip.test.tsx"],
  ),

  // The entry script's submit catcher.
  vitest(
    "static-submit-posts-to-static-server",
    "src/app/static-page-controls.ts",
    "    event.preventDefault();\n    const form = event.target;",
    "    const form = event.target;",
    ["src/app/static-page-controls.test.tsx"],
  ),

  // /cli-auth: one token per visit, by the submit guard alone.
  vitest(
    "cli-auth-request-unguarded",
    "src/features/cli-auth/CliAuthPage.tsx",
    "const onSignedIn = useEffectEvent(() => void request());",
    "const onSignedIn = useEffectEvent(() => void create.mutateAsync().then(setToken));",
    ["src/features/cli-auth/CliAuthPage.test.tsx"],
  ),

  // Each form's stand-in (the form's View with plain fields): a field it names differently from
  // the real form loses what was typed at the swap.
  vitest(
    "stand-in-field-renamed-setup",
    "src/features/setup/SetupFormStandIn.tsx",
    'name: { name: "name" },',
    'name: { name: "fullName" },',
    ["src/features/setup/SetupPage.stand-in.test.tsx"],
  ),
  vitest(
    "stand-in-field-renamed-login",
    "src/features/login/LoginFormStandIn.tsx",
    'password={{ name: "password" }}',
    'password={{ name: "pass" }}',
    ["src/features/login/LoginPage.stand-in.test.tsx"],
  ),
  vitest(
    "stand-in-field-renamed-reset",
    "src/features/reset-password/ResetPasswordFormStandIn.tsx",
    'confirm_password: { name: "confirm_password" },',
    'confirm_password: { name: "confirm" },',
    ["src/features/reset-password/ChangePasswordPage.stand-in.test.tsx"],
  ),
  vitest(
    "stand-in-field-renamed-request-code",
    "src/features/reset-password/RequestCodeFormStandIn.tsx",
    '        name: "email",',
    '        name: "address",',
    ["src/features/reset-password/RequestCodePage.stand-in.test.tsx"],
  ),

  // The first download: React Router without the components the app never renders.
  vitest(
    "react-router-keeps-display-names",
    "scripts/react-router-shake.ts",
    '.replace(/^[\\w$]+\\.displayName = "[^"\\n]*";$/gm, "")',
    "",
    ["scripts/react-router-shake.test.ts"],
  ),
  vitest(
    "react-router-forward-ref-not-pure",
    "scripts/react-router-shake.ts",
    '.replace(/= (React\\$1|React)\\.forwardRef\\(/g, "= /* @__PURE__ */ $1.forwardRef(")',
    "",
    ["scripts/react-router-shake.test.ts"],
  ),
  vitest(
    "app-link-overrides-own-handler",
    "src/components/AppLink.tsx",
    "if (!event.defaultPrevented) follow(event);",
    "follow(event);",
    ["src/components/AppLink.test.tsx"],
  ),
  vitest(
    "app-link-loads-whole-page",
    "src/components/AppLink.tsx",
    "if (!event.defaultPrevented) follow(event);",
    "",
    ["src/components/AppLink.test.tsx"],
  ),

  // The dead-code check.
  {
    id: "dead-export",
    file: REDIRECT,
    from: 'const FALLBACK = "/";',
    to: 'const FALLBACK = "/";\nexport const UNUSED = FALLBACK;',
    runner: "knip",
    tests: [],
  },

  // End to end (--e2e): the same messages in a real browser, scoped to the form.
  {
    id: "reset-pages-show-internal-error-e2e",
    file: "src/features/reset-password/reset-errors.ts",
    from: 'if (error.kind === "response" && error.status >= 500)',
    to: 'if (error.kind === "response" && error.status >= 600)',
    runner: "playwright",
    tests: ["e2e/faults.spec.ts:-g:every failure is said in its own words"],
  },
  {
    id: "network-message-cut-short-e2e",
    file: "src/api/errors.ts",
    from: `return "Can't reach the server. Check your connection and try again.";`,
    to: `return "Can't reach the server.";`,
    runner: "playwright",
    tests: ["e2e/faults.spec.ts:-g:every failure is said in its own words"],
  },
  {
    id: "login-shows-unknown-message-e2e",
    file: "src/features/login/LoginPage.tsx",
    from: "const notice = loginMessage(reason ?? messageId ?? null);",
    to: LOGIN_SHOWS_URL_TEXT,
    runner: "playwright",
    tests: ["e2e/login.spec.ts:-g:shows only known messages"],
  },
];

interface Outcome {
  /** Tests that failed, of `total` that ran. */
  failed: number;
  total: number;
  /** Why the outcome proves nothing (no test selected, a suite that did not load), if so. */
  broken?: string;
}

let child: ChildProcess | undefined;

/** Runs a command to its end, its output going to `log`. */
function exec(command: string, args: string[], log: string, env: NodeJS.ProcessEnv = process.env) {
  const fd = openSync(log, "a");
  writeFileSync(fd, `$ ${command} ${args.join(" ")}\n`);
  return new Promise<number | null>((resolve) => {
    child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
    child.on("exit", (code) => {
      child = undefined;
      closeSync(fd);
      resolve(code);
    });
  });
}

interface VitestReport {
  numFailedTests: number;
  numTotalTests: number;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: unknown[];
  }>;
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: Array<{ message?: string }>;
}

async function run(mutation: Mutation, port: string, log: string): Promise<Outcome> {
  if (mutation.runner === "knip") {
    return { failed: (await exec("npx", ["knip"], log)) === 0 ? 0 : 1, total: 1 };
  }
  const out = `${log}.json`;
  try {
    if (mutation.runner === "vitest") {
      const code = await exec(
        "npx",
        [
          "vitest",
          "run",
          ...mutation.tests,
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${out}`,
        ],
        log,
      );
      if (!existsSync(out))
        return { failed: 0, total: 0, broken: `vitest exited ${code}, no report` };
      const report = JSON.parse(readFileSync(out, "utf8")) as VitestReport;
      // A file that failed to load (a syntax error, a missing export) has no test results.
      const unloaded = report.testResults.filter(
        (file) => file.status === "failed" && file.assertionResults.length === 0,
      );
      if (unloaded.length > 0)
        return {
          failed: report.numFailedTests,
          total: report.numTotalTests,
          broken: `did not load: ${unloaded.map((file) => relative(ROOT, file.name)).join(", ")}`,
        };
      const ran = new Set(report.testResults.map((file) => relative(ROOT, file.name)));
      const missing = mutation.tests.filter((file) => !ran.has(file));
      if (missing.length > 0 || report.numTotalTests === 0)
        return { failed: 0, total: 0, broken: `no tests in ${missing.join(", ") || "the files"}` };
      return { failed: report.numFailedTests, total: report.numTotalTests };
    }
    const args = ["playwright", "test", "--workers=1", "--reporter=list,json"];
    // A slower machine may need longer timeouts: point this at a config that extends ours.
    if (process.env.MUTATIONS_PLAYWRIGHT_CONFIG)
      args.push("--config", process.env.MUTATIONS_PLAYWRIGHT_CONFIG);
    for (const spec of mutation.tests) {
      const [file, flag, grep] = spec.split(":");
      args.push(file ?? "");
      if (flag === "-g" && grep) args.push("-g", grep);
    }
    // CI: build the mutated app rather than reuse a server that may still run the old one.
    const code = await exec("npx", args, log, {
      ...process.env,
      CI: "1",
      E2E_PORT: port,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    if (!existsSync(out))
      return { failed: 0, total: 0, broken: `playwright exited ${code}, no report` };
    const report = JSON.parse(readFileSync(out, "utf8")) as PlaywrightReport;
    const { expected, unexpected, flaky } = report.stats;
    const total = expected + unexpected + flaky;
    // A spec that did not load, or a global setup (the build) that failed.
    if (report.errors.length > 0)
      return {
        failed: unexpected,
        total,
        broken: `did not run: ${report.errors[0]?.message?.split("\n")[0]}`,
      };
    if (total === 0) return { failed: 0, total: 0, broken: "the pattern selects no test" };
    return { failed: unexpected + flaky, total };
  } finally {
    rmSync(out, { force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const e2e = args.includes("--e2e");
  const refIndex = args.indexOf("--tests-from");
  const ref = refIndex >= 0 ? args[refIndex + 1] : undefined;
  const ids = args.filter((a, i) => !a.startsWith("--") && (refIndex < 0 || i !== refIndex + 1));
  const port = process.env.E2E_PORT ?? "4173";
  const selected = MUTATIONS.filter((m) =>
    ids.length > 0 ? ids.includes(m.id) : e2e || m.runner !== "playwright",
  );

  const restore: Array<[string, string]> = [];
  const putBack = () => {
    while (restore.length > 0) {
      const [path, text] = restore.pop() as [string, string];
      writeFileSync(path, text);
    }
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child?.kill("SIGTERM");
      putBack();
      process.exit(130);
    });
  }

  const runId = new Date().toISOString().replace(/[:.]/g, "-");
  const logs = join(ROOT, "mutation-logs", runId);
  mkdirSync(logs, { recursive: true });
  console.log(`Test output of each entry: ${relative(process.cwd(), logs)}/<mutation>.log\n`);

  const tally = { caught: 0, missed: 0, broken: 0 };
  console.log("| mutation | tests failing | verdict |\n|---|---|---|");
  for (const mutation of selected) {
    const path = join(ROOT, mutation.file);
    const original = readFileSync(path, "utf8");
    const hits = original.split(mutation.from).length - 1;
    if (hits !== 1) {
      console.log(`| ${mutation.id} | n/a: the code to change occurs ${hits} times | BROKEN |`);
      tally.broken++;
      continue;
    }
    try {
      if (ref) {
        let missing = mutation.tests.length === 0;
        for (const spec of mutation.tests) {
          const file = spec.split(":")[0] ?? "";
          const old = spawnSync("git", ["show", `${ref}:${file}`], { cwd: ROOT, encoding: "utf8" });
          if (old.status !== 0) {
            missing = true;
            continue;
          }
          const test = join(ROOT, file);
          restore.push([test, readFileSync(test, "utf8")]);
          writeFileSync(test, old.stdout);
        }
        if (missing) {
          console.log(`| ${mutation.id} | n/a: no such test on ${ref} | - |`);
          continue;
        }
      }
      restore.push([path, original]);
      writeFileSync(path, original.replace(mutation.from, mutation.to));
      const log = join(logs, `${mutation.id}.log`);
      const { failed, total, broken } = await run(mutation, port, log);
      if (broken) {
        tally.broken++;
        console.log(`| ${mutation.id} | ${broken} | BROKEN |`);
        continue;
      }
      const wanted = mutation.expect ?? "fail";
      const ok = wanted === "fail" ? failed > 0 : failed === 0;
      if (ok) tally.caught++;
      else tally.missed++;
      const verdict = ok ? (wanted === "fail" ? "caught" : "green, as it should be") : "MISSED";
      console.log(`| ${mutation.id} | ${failed} of ${total} | ${verdict} |`);
    } finally {
      putBack();
    }
  }
  const ran = tally.caught + tally.missed + tally.broken;
  console.log(
    `\n${tally.caught} caught, ${tally.missed} missed, ${tally.broken} broken, of ${ran}. Logs: ${relative(process.cwd(), logs)}`,
  );
  process.exitCode = tally.missed === 0 && tally.broken === 0 ? 0 : 1;
}

await main();
