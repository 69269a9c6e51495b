// The builds a bench run compares: this working tree, and optionally another git ref, checked out
// in a temporary worktree and built with its own build script.
import { execFileSync, type StdioOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Build {
  /** What the tables call it. */
  label: string;
  /** The directory the build is served from. */
  dist: string;
}

const root = join(import.meta.dirname, "..");
const quiet: { stdio: StdioOptions } = { stdio: ["ignore", "ignore", "inherit"] };

export function buildHere(): Build {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, ...quiet });
  return { label: "this tree", dist: join(root, "dist") };
}

export interface RefBuild extends Build {
  remove: () => Promise<void>;
}

/**
 * `ref` in a detached worktree under the system's temp dir. It reuses this tree's node_modules
 * when its lockfile is the same (no install, no network); otherwise it installs its own.
 */
export async function buildRef(ref: string): Promise<RefBuild> {
  const commit = execFileSync("git", ["rev-parse", "--short", `${ref}^{commit}`], {
    cwd: root,
    encoding: "utf8",
  }).trim();
  const dir = await mkdtemp(join(tmpdir(), "coder-auth-ui-bench-"));
  const remove = async () => {
    execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: root, ...quiet });
    await rm(dir, { recursive: true, force: true });
  };
  execFileSync("git", ["worktree", "add", "--detach", dir, commit], { cwd: root, ...quiet });
  try {
    let sameLock = true;
    try {
      execFileSync("git", ["diff", "--quiet", commit, "--", "package-lock.json"], { cwd: root });
    } catch {
      sameLock = false;
    }
    if (sameLock && existsSync(join(root, "node_modules")))
      await symlink(join(root, "node_modules"), join(dir, "node_modules"), "dir");
    else execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, ...quiet });
    execFileSync("npm", ["run", "build", "--silent"], { cwd: dir, ...quiet });
  } catch (error) {
    await remove();
    throw error;
  }
  return { label: `${ref} (${commit})`, dist: join(dir, "dist"), remove };
}
