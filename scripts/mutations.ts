// Mutation checks: each entry breaks one thing in the code, runs the tests that claim to guard it,
// and puts the code back. A test that stays green under its mutation proves less than its name.
//
//   npm run mutations                  every unit mutation (a few minutes)
//   npm run mutations -- --e2e         the end-to-end ones too (builds the app for each)
//   npm run mutations -- safe-redirect-dot-segment guard-no-lock   just these
//   npm run mutations -- --tests-from main   the same mutations against main's test files
//
// docs/mutations.md explains the list. The file being mutated is restored even on Ctrl-C.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
    '"group": ["../*/**", "!../../**", "**/features/**"],',
    '"group": ["**/features/**"],',
    BOUNDARY_TEST,
  ),
  vitest(
    "lint-allows-react-in-mock",
    "biome.json",
    '"react",\n                      "react/**",',
    "",
    BOUNDARY_TEST,
  ),

  // Presses and submits across a swap (the prerendered page, a form's stand-in).
  vitest(
    "swap-ignores-press",
    "src/components/DeferredForm.tsx",
    "if (pressed.current) swapAfterRelease.current = swap;\n        else swap();",
    "swap();",
    ["src/components/DeferredForm.test.tsx"],
  ),
  vitest(
    "takeover-drops-press",
    "src/app/static-handoff.ts",
    "if (pressedRef) finishPress(app, pressedRef);",
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
    "src/features/github-device/GithubDevicePage.tsx",
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

  // The dead-code check.
  {
    id: "dead-export",
    file: REDIRECT,
    from: 'const FALLBACK = "/";',
    to: 'const FALLBACK = "/";\nexport const UNUSED = FALLBACK;',
    runner: "knip",
    tests: [],
  },

  // End to end (--e2e): exact messages, scoped to the form; the app before absent text.
  {
    id: "reset-pages-show-internal-error",
    file: "src/features/reset-password/reset-errors.ts",
    from: 'if (error.kind === "response" && error.status >= 500)',
    to: 'if (error.kind === "response" && error.status >= 600)',
    runner: "playwright",
    tests: ["e2e/faults.spec.ts:-g:500 from Coder"],
  },
  {
    id: "network-message-cut-short",
    file: "src/api/errors.ts",
    from: `return "Can't reach the server. Check your connection and try again.";`,
    to: `return "Can't reach the server.";`,
    runner: "playwright",
    tests: ["e2e/faults.spec.ts:-g:a dropped connection"],
  },
  {
    id: "login-shows-unknown-message",
    file: "src/session/login-messages.ts",
    from: "if (id === null || !Object.hasOwn(loginMessages, id)) return undefined;",
    to: 'if (id === null) return undefined;\n  if (!Object.hasOwn(loginMessages, id)) return { tone: "info" as const, text: id };',
    runner: "playwright",
    tests: ["e2e/login.spec.ts:-g:shows only known messages"],
  },
];

interface Outcome {
  failed: number;
  total: number;
}

let child: ChildProcess | undefined;

/** Runs a command to its end; its output is not needed (the reports are files). */
function exec(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<number | null>((resolve) => {
    child = spawn(command, args, { cwd: ROOT, env, stdio: "ignore" });
    child.on("exit", (code) => {
      child = undefined;
      resolve(code);
    });
  });
}

async function run(mutation: Mutation, port: string): Promise<Outcome> {
  if (mutation.runner === "knip") {
    return { failed: (await exec("npx", ["knip"])) === 0 ? 0 : 1, total: 1 };
  }
  const out = join(mkdtempSync(join(tmpdir(), "mutation-")), "report.json");
  try {
    if (mutation.runner === "vitest") {
      await exec("npx", [
        "vitest",
        "run",
        ...mutation.tests,
        "--reporter=json",
        `--outputFile=${out}`,
      ]);
      if (!existsSync(out)) return { failed: -1, total: 0 };
      const report = JSON.parse(readFileSync(out, "utf8")) as {
        numFailedTests: number;
        numTotalTests: number;
        numFailedTestSuites: number;
      };
      // A suite that doesn't load counts as one failure.
      return {
        failed:
          report.numFailedTests + (report.numTotalTests === 0 ? report.numFailedTestSuites : 0),
        total: report.numTotalTests,
      };
    }
    const args = ["playwright", "test", "--workers=1", "--reporter=json"];
    // A slower machine may need longer timeouts: point this at a config that extends ours.
    if (process.env.MUTATIONS_PLAYWRIGHT_CONFIG)
      args.push("--config", process.env.MUTATIONS_PLAYWRIGHT_CONFIG);
    for (const spec of mutation.tests) {
      const [file, flag, grep] = spec.split(":");
      args.push(file ?? "");
      if (flag === "-g" && grep) args.push("-g", grep);
    }
    // CI: build the mutated app rather than reuse a server that may still run the old one.
    await exec("npx", args, {
      ...process.env,
      CI: "1",
      E2E_PORT: port,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    if (!existsSync(out)) return { failed: -1, total: 0 };
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number };
    };
    const { expected, unexpected, flaky } = report.stats;
    return { failed: unexpected + flaky, total: expected + unexpected + flaky };
  } finally {
    rmSync(join(out, ".."), { recursive: true, force: true });
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

  let survived = 0;
  console.log("| mutation | tests failing | verdict |\n|---|---|---|");
  for (const mutation of selected) {
    const path = join(ROOT, mutation.file);
    const original = readFileSync(path, "utf8");
    const hits = original.split(mutation.from).length - 1;
    if (hits !== 1) {
      console.log(`| ${mutation.id} | n/a: the code to change occurs ${hits} times | ? |`);
      survived++;
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
      const { failed, total } = await run(mutation, port);
      const wanted = mutation.expect ?? "fail";
      const ok = wanted === "fail" ? failed > 0 : failed === 0;
      if (!ok) survived++;
      const counts = failed < 0 ? "did not run" : `${failed} of ${total}`;
      const verdict = ok ? (wanted === "fail" ? "caught" : "green, as it should be") : "MISSED";
      console.log(`| ${mutation.id} | ${counts} | ${verdict} |`);
    } finally {
      putBack();
    }
  }
  process.exitCode = survived === 0 ? 0 : 1;
}

await main();
