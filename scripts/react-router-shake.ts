// React Router's production build keeps every component it exports in the bundle, used or not:
// each is made with `React.forwardRef(...)`, a call the bundler must assume has effects, and is
// then given a `displayName` (a name for React's developer tools), an assignment that does. So
// <Form>, <ScrollRestoration>, <NavLink>, <Link> and the framework-mode code they reach (route
// module prefetching, server-rendering helpers) ship to every page of an app that renders none
// of them. Marking those calls pure and leaving out the names lets the bundler drop what nothing
// uses: 3.5 KB Brotli off the first download of every page (src/components/AppLink.tsx is the
// other half: the app's links no longer use <Link>).
import type { Plugin } from "vite";

const REACT_ROUTER = /[\\/]node_modules[\\/]react-router[\\/]dist[\\/]production[\\/]/;

/** The module's code with unused components made removable (the code as it was otherwise). */
export function shakeableReactRouter(code: string): string {
  return code
    .replace(/^[\w$]+\.displayName = "[^"\n]*";$/gm, "")
    .replace(/= (React\$1|React)\.forwardRef\(/g, "= /* @__PURE__ */ $1.forwardRef(");
}

export function reactRouterShake(): Plugin {
  return {
    name: "react-router-shake",
    apply: "build",
    transform(code, id) {
      if (!REACT_ROUTER.test(id)) return null;
      const out = shakeableReactRouter(code);
      // Lines are removed in place, so positions within other lines are unchanged; the map
      // that matters (ours) does not cover node_modules.
      return out === code ? null : { code: out, map: null };
    },
  };
}
