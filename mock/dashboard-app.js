// The mock Coder's stand-in for Coder's dashboard: a single-page app that moves the way Coder's
// React router does (history.pushState/replaceState, popstate), loads what Coder's dashboard
// loads, and renders plainly labelled stand-ins ("Coder's own sign-in page"…) where Coder would
// show its own auth pages. Served by mock/dashboard.ts at /assets/ as Coder serves its bundles;
// plain script, no build step, nothing inline (Coder's CSP: script-src 'self').
//
// The moves it mimics (Coder's site/src):
//   - RequireAuth: signed out → replace to /login?redirect=<path+search> (plain /login from /);
//     while signed in, any API 401 → the same move (the axios interceptor signs out).
//   - LoginPage: no users yet → replace to /setup; signed in → replace to ?redirect or /.
//   - SetupPage: set up already → replace to /login; signed in → replace to /.
//   - router: / → replace to /workspaces; links move with push; popstate re-renders.
//   - UserDropdown "Sign out": POST /users/logout with the CSRF header, then to /login.
//   - ThemeProvider: users/me/appearance theme_preference, DEFAULT_THEME ("dark") when empty.

(() => {
  const DEFAULT_THEME = "dark";
  /** Coder's pages that need no session (router.tsx): RequireAuth does not guard them. */
  const PUBLIC_PAGES = new Set([
    "/login",
    "/login/device",
    "/setup",
    "/reset-password",
    "/reset-password/change",
    "/cli-auth",
  ]);
  /** Stand-ins for Coder's own pages that this project's app replaces. */
  const OWN_PAGES = {
    "/login": { title: "Sign in to {app}", heading: "Coder's own sign-in page" },
    "/login/device": {
      title: "Sign in with GitHub - {app}",
      heading: "Coder's own device sign-in page",
    },
    "/setup": { title: "Set up your account - {app}", heading: "Coder's own setup page" },
    "/reset-password": { title: "Reset Password - {app}", heading: "Coder's own reset page" },
    "/reset-password/change": {
      title: "Reset Password - {app}",
      heading: "Coder's own reset page",
    },
    "/cli-auth": { title: "CLI Auth - {app}", heading: "Coder's own CLI sign-in page" },
  };
  /** Coder's user settings sidebar (pages/UserSettingsPage/Sidebar.tsx). */
  const SETTINGS = [
    { path: "account", label: "Account" },
    { path: "appearance", label: "Appearance" },
    { path: "external-auth", label: "External Authentication" },
    { path: "schedule", label: "Schedule", feature: "advanced_template_scheduling" },
    { path: "security", label: "Security" },
    { path: "ssh-keys", label: "SSH Keys" },
    { path: "tokens", label: "Tokens" },
    { path: "notifications", label: "Notifications" },
  ];
  const PERMISSION_CHECKS = {
    viewDeploymentStats: { object: { resource_type: "deployment_stats" }, action: "read" },
    viewDebugInfo: { object: { resource_type: "debug_info" }, action: "read" },
    viewAllUsers: { object: { resource_type: "user" }, action: "read" },
    createTemplates: { object: { resource_type: "template", any_org: true }, action: "update" },
  };

  const meta = (selector) => document.querySelector(selector)?.getAttribute("content") ?? "";
  const csrfToken = meta('meta[property="csrf-token"]');
  const appName = meta('meta[name="application-name"]') || "Coder";
  const root = document.getElementById("root");

  /** Everything known about the signed-in session; undefined while signed out. */
  let session;
  let socket;
  let renderToken = 0;

  class SignedOut extends Error {}

  // ---------------------------------------------------------------------------------------
  // DOM helpers: nodes built with textContent, never HTML strings.

  function h(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** A link that moves in the page, as react-router's <Link> does. */
  function link(href, label, attributes = {}) {
    return h("a", { href, "data-spa": "", ...attributes }, label);
  }

  function setTitle(template) {
    document.title = template.replace("{app}", appName);
  }

  function show(...nodes) {
    root.replaceChildren(...nodes);
  }

  // ---------------------------------------------------------------------------------------
  // Moving, the way react-router does it.

  function here() {
    return `${location.pathname}${location.search}`;
  }

  function navigate(to, { replace = false } = {}) {
    if (replace) history.replaceState(null, "", to);
    else history.pushState(null, "", to);
    // A seam in front of the page may have turned the move into a page load (the address did
    // not change): that load renders the page, not this one.
    const target = new URL(to, location.href);
    if (`${target.pathname}${target.search}` !== here()) return;
    void render();
  }

  /** embedRedirect: where RequireAuth sends a signed-out visitor. */
  function loginFor(path) {
    return path === "/" ? "/login" : `/login?redirect=${encodeURIComponent(path)}`;
  }

  /** A ?redirect= target that stays on this site, or "/". */
  function safeRedirect(value) {
    if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
      return "/";
    }
    return value;
  }

  document.addEventListener("click", (event) => {
    const anchor = event.target instanceof Element ? event.target.closest("a[data-spa]") : null;
    if (!anchor || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    closeMenu();
    const url = new URL(anchor.href);
    if (`${url.pathname}${url.search}` !== here()) navigate(`${url.pathname}${url.search}`);
  });

  window.addEventListener("popstate", () => void render());

  // ---------------------------------------------------------------------------------------
  // The API, with Coder's CSRF header and RequireAuth's 401 interceptor.

  async function api(path, init = {}) {
    const method = init.method ?? "GET";
    const headers = { accept: "application/json", ...(init.headers ?? {}) };
    if (method !== "GET") headers["X-CSRF-TOKEN"] = csrfToken;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (response.status === 401 && session && !init.expectSignedOut) {
      // The session ended elsewhere or expired: sign out here and go to sign in.
      endSession();
      navigate(loginFor(here()), { replace: true });
      throw new SignedOut();
    }
    return response;
  }

  async function getJson(path) {
    const response = await api(path);
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }

  function endSession() {
    session = undefined;
    socket?.close();
    socket = undefined;
  }

  // ---------------------------------------------------------------------------------------
  // Theme: users/me/appearance, Coder's default when empty or unknown.

  const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  let themePreference = DEFAULT_THEME;

  function applyTheme() {
    let theme = themePreference;
    if (theme === "auto") theme = systemDark.matches ? "dark" : "light";
    if (theme.startsWith("light")) theme = "light";
    else if (theme.startsWith("dark")) theme = "dark";
    else theme = DEFAULT_THEME;
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.themePreference = themePreference;
  }

  systemDark.addEventListener("change", applyTheme);
  applyTheme();

  // ---------------------------------------------------------------------------------------
  // Signing in state, as Coder's AuthProvider and DashboardProvider load it.

  async function loadSession() {
    const me = await api("/api/v2/users/me", { expectSignedOut: true });
    if (me.status === 401) {
      const first = await api("/api/v2/users/first");
      return { signedIn: false, hasFirstUser: first.status !== 404 };
    }
    if (!me.ok) throw new Error(`/api/v2/users/me answered ${me.status}`);
    const user = await me.json();
    session = { user };
    const [entitlements, experiments, appearance, buildInfo, organizations, permissions, inbox] =
      await Promise.all([
        getJson("/api/v2/entitlements"),
        getJson("/api/v2/experiments"),
        getJson("/api/v2/users/me/appearance"),
        getJson("/api/v2/buildinfo"),
        getJson("/api/v2/users/me/organizations"),
        api("/api/v2/authcheck", {
          method: "POST",
          body: { checks: PERMISSION_CHECKS },
        }).then((r) => {
          if (!r.ok) throw new Error(`/api/v2/authcheck answered ${r.status}`);
          return r.json();
        }),
        getJson("/api/v2/notifications/inbox"),
      ]);
    // Without the workspace_proxy feature Coder's ProxyProvider lists the primary region only.
    const proxies = entitlements.features?.workspace_proxy?.enabled
      ? getJson("/api/v2/workspaceproxies")
      : getJson("/api/v2/regions");
    const extras = [proxies];
    if (permissions.viewDeploymentStats) extras.push(getJson("/api/v2/deployment/stats"));
    if (permissions.viewDebugInfo) extras.push(getJson("/api/v2/debug/health"));
    await Promise.all(extras);
    if (!session) throw new SignedOut();
    Object.assign(session, {
      entitlements,
      experiments,
      buildInfo,
      organizations,
      permissions,
      inbox,
    });
    themePreference = appearance.theme_preference || DEFAULT_THEME;
    applyTheme();
    watchInbox();
    return { signedIn: true };
  }

  /** Coder's notifications inbox holds a WebSocket open on every signed-in page. */
  function watchInbox() {
    if (socket || meta('meta[name="mock-websockets"]') !== "on") return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(
      `${scheme}//${location.host}/api/v2/notifications/inbox/watch?format=plaintext`,
    );
    socket.addEventListener("close", () => {
      socket = undefined;
    });
  }

  // ---------------------------------------------------------------------------------------
  // Pages.

  function errorBanner(message) {
    return h("div", { role: "alert", class: "note danger" }, message);
  }

  function standIn(path) {
    const page = OWN_PAGES[path];
    setTitle(page.title);
    const body = [
      h("h1", {}, page.heading),
      h(
        "p",
        { class: "note" },
        "Coder would show its own page here. In this project the sign-in app serves ",
        h("code", {}, path),
        ": the front door sends it there on a full page load, and the app's seam script turns an in-page move into one.",
      ),
    ];
    if (path === "/login") {
      body.push(h("p", {}, link("/reset-password", "Forgot password?")));
    }
    return h("main", { id: "content" }, body);
  }

  function header() {
    const { user } = session;
    const nav = (href, label) =>
      h(
        "li",
        {},
        link(href, label, location.pathname.startsWith(href) ? { "aria-current": "page" } : {}),
      );
    const menuId = "user-menu";
    return h(
      "header",
      { class: "bar" },
      link("/workspaces", appName, { class: "brand" }),
      h(
        "nav",
        { "aria-label": "Dashboard" },
        h("ul", {}, nav("/workspaces", "Workspaces"), nav("/templates", "Templates")),
      ),
      h(
        "div",
        { class: "account" },
        h("span", {}, "Signed in as ", h("strong", {}, user.email)),
        link("/settings/security", "Account security"),
        h(
          "div",
          { class: "menu" },
          h(
            "button",
            {
              type: "button",
              "aria-expanded": "false",
              "aria-controls": menuId,
              onclick: (event) => toggleMenu(event.currentTarget),
            },
            "User menu",
          ),
          h(
            "ul",
            { id: menuId, hidden: true, class: "menu-items" },
            h("li", {}, link("/settings/account", "Account")),
            h("li", {}, h("button", { type: "button", onclick: signOut }, "Sign out")),
          ),
        ),
      ),
    );
  }

  function toggleMenu(button) {
    const list = document.getElementById(button.getAttribute("aria-controls"));
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    list.hidden = !open;
  }

  function closeMenu() {
    const button = document.querySelector('[aria-controls="user-menu"]');
    if (button) {
      button.setAttribute("aria-expanded", "false");
      document.getElementById("user-menu").hidden = true;
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeMenu();
  });

  async function signOut() {
    closeMenu();
    try {
      await api("/api/v2/users/logout", { method: "POST", expectSignedOut: true });
    } finally {
      endSession();
      navigate("/login", { replace: true });
    }
  }

  function frame(main) {
    return [header(), main];
  }

  function whoCard() {
    const { user } = session;
    const roles = ["Member", ...user.roles.map((r) => r.display_name)];
    const loginTypes = {
      password: "Password",
      github: "GitHub",
      oidc: "OpenID Connect",
      token: "Token",
      none: "None",
    };
    return h(
      "section",
      { class: "card", "aria-labelledby": "who-heading" },
      h("h2", { id: "who-heading" }, user.name || user.username),
      h(
        "dl",
        {},
        h("dt", {}, "Email"),
        h("dd", {}, user.email),
        h("dt", {}, "Username"),
        h("dd", {}, user.username),
        h("dt", {}, "Signs in with"),
        h("dd", {}, loginTypes[user.login_type] ?? user.login_type),
        h("dt", {}, "Roles"),
        h("dd", {}, roles.join(", ")),
      ),
    );
  }

  async function workspacesPage() {
    setTitle("Workspaces - {app}");
    const [list] = await Promise.all([
      getJson("/api/v2/workspaces?q=owner:me"),
      session.permissions.viewAllUsers ? getJson("/api/v2/users?limit=25") : undefined,
    ]);
    const rows = list.workspaces.map((w) =>
      h(
        "tr",
        {},
        h("td", {}, w.name),
        h("td", {}, w.template_display_name),
        h("td", {}, w.latest_build.status),
      ),
    );
    return frame(
      h(
        "main",
        { id: "content" },
        h("h1", {}, "Workspaces"),
        whoCard(),
        rows.length === 0
          ? h("p", {}, "You have no workspaces yet.")
          : h(
              "table",
              {},
              h("caption", {}, "Your workspaces"),
              h(
                "thead",
                {},
                h(
                  "tr",
                  {},
                  h("th", { scope: "col" }, "Name"),
                  h("th", { scope: "col" }, "Template"),
                  h("th", { scope: "col" }, "Status"),
                ),
              ),
              h("tbody", {}, rows),
            ),
        h("p", {}, link("/settings/security", "Change your password or how you sign in")),
      ),
    );
  }

  async function templatesPage() {
    setTitle("Templates - {app}");
    const [templates, examples] = await Promise.all([
      getJson("/api/v2/templates"),
      session.permissions.createTemplates ? getJson("/api/v2/templates/examples") : [],
    ]);
    return frame(
      h(
        "main",
        { id: "content" },
        h("h1", {}, "Templates"),
        templates.length === 0
          ? h("p", {}, "No templates yet.")
          : h(
              "ul",
              { "aria-label": "Templates" },
              templates.map((t) => h("li", {}, `${t.display_name || t.name}: ${t.description}`)),
            ),
        examples.length > 0
          ? h(
              "section",
              { "aria-labelledby": "examples-heading" },
              h("h2", { id: "examples-heading" }, "Starter templates"),
              h(
                "ul",
                {},
                examples.map((e) => h("li", {}, e.name)),
              ),
            )
          : null,
      ),
    );
  }

  function settingsPage(section) {
    const item = SETTINGS.find((s) => s.path === section);
    const features = session.entitlements.features ?? {};
    const items = SETTINGS.filter((s) => !s.feature || features[s.feature]?.enabled);
    const heading =
      section === "account"
        ? "Coder's own account page"
        : section === "security"
          ? "Coder's own security page"
          : `Coder's own ${(item?.label ?? section).toLowerCase()} settings page`;
    setTitle(`${item?.label ?? "Settings"} - {app}`);
    const sidebar = h(
      "nav",
      { "aria-label": "Settings", class: "sidebar" },
      h("p", {}, h("strong", {}, session.user.username), h("br"), session.user.email),
      h(
        "ul",
        {},
        items.map((s) =>
          h(
            "li",
            {},
            link(
              `/settings/${s.path}`,
              s.label,
              s.path === section ? { "aria-current": "page" } : {},
            ),
          ),
        ),
      ),
    );
    return frame(
      h(
        "main",
        { id: "content", class: "settings" },
        sidebar,
        h(
          "div",
          {},
          h("h1", {}, heading),
          h("p", { class: "note" }, "This stands in for Coder's own settings page."),
        ),
      ),
    );
  }

  function otherPage() {
    const first = location.pathname.split("/")[1] ?? "";
    const section = first.startsWith("@")
      ? "Workspace"
      : first.replace(/[-_]+/g, " ").replace(/^./, (c) => c.toUpperCase()) || "Dashboard";
    setTitle(`${section} - {app}`);
    return frame(
      h(
        "main",
        { id: "content" },
        h("h1", {}, section),
        h("p", { class: "note" }, "This page stands in for Coder's dashboard."),
        whoCard(),
      ),
    );
  }

  // ---------------------------------------------------------------------------------------
  // The router.

  async function render() {
    const token = ++renderToken;
    const path = location.pathname;
    try {
      if (!session) {
        const state = await loadSession();
        if (token !== renderToken) return;
        if (!state.signedIn) return renderSignedOut(path, state.hasFirstUser);
      }
      if (path === "/") return navigate("/workspaces", { replace: true });
      if (path === "/login") {
        const next = safeRedirect(new URLSearchParams(location.search).get("redirect"));
        return navigate(next, { replace: true });
      }
      if (path === "/setup") return navigate("/", { replace: true });
      let nodes;
      if (OWN_PAGES[path]) nodes = [standIn(path)];
      else if (path === "/workspaces") nodes = await workspacesPage();
      else if (path === "/templates") nodes = await templatesPage();
      else if (path === "/settings" || path === "/settings/")
        return navigate("/settings/account", { replace: true });
      else if (path.startsWith("/settings/")) nodes = settingsPage(path.slice("/settings/".length));
      else nodes = otherPage();
      if (token !== renderToken) return;
      show(...(Array.isArray(nodes) ? nodes : [nodes]));
    } catch (error) {
      if (error instanceof SignedOut || token !== renderToken) return;
      console.warn("[mock dashboard]", error);
      show(
        h(
          "main",
          { id: "content" },
          h("h1", {}, appName),
          errorBanner(`Coder could not load this page: ${error.message}`),
        ),
      );
    }
  }

  function renderSignedOut(path, hasFirstUser) {
    if (!PUBLIC_PAGES.has(path)) return navigate(loginFor(here()), { replace: true });
    if (path === "/login" && !hasFirstUser) return navigate("/setup", { replace: true });
    if (path === "/setup" && hasFirstUser) return navigate("/login", { replace: true });
    show(standIn(path));
  }

  void render();
})();
