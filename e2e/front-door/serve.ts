// Runs the production build behind the deployed front doors, for the front-door suite
// (playwright.front-door.config.ts):
//   - `npm run mock` as the Coder upstream, on its own port;
//   - Debian's nginx with deploy/nginx's template (the Brotli variant when the module is
//     installed), filled in with envsubst exactly as the README says, in a temporary prefix, as
//     a foreground child process: no system paths written, no daemon;
//   - Caddy with deploy/caddy/Caddyfile, when caddy is installed;
//   - the front door's image (Containerfile), with podman, when --image (--image-tls) is given.
// The build is copied to a temporary directory and given .br/.gz siblings where it has none, so
// that the precompressed paths are exercised whatever the build emits.
//   node e2e/front-door/serve.ts --nginx 4311 --caddy 4312 --mock 4313 --image 4314
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import {
  DEPLOY_FILES,
  TEMPLATE_VARIABLES,
  TLS_TEMPLATE_VARIABLES,
} from "../../server/deploy-config.ts";

const root = join(import.meta.dirname, "..", "..");
/** The access URL's host the suite browses (any other host, e.g. app.localhost, is Coder's). */
const CODER_HOST = "localhost";
const BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

function option(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

const ports = {
  nginx: option("--nginx"),
  caddy: option("--caddy"),
  image: option("--image"),
  mock: option("--mock"),
  nginxTls: option("--nginx-tls"),
  caddyTls: option("--caddy-tls"),
  imageTls: option("--image-tls"),
};
if (!ports.mock || (!ports.nginx && !ports.caddy && !ports.image)) {
  console.error(
    "usage: serve.ts --mock PORT [--nginx PORT] [--caddy PORT] [--nginx-tls PORT] [--caddy-tls PORT] [--image PORT] [--image-tls PORT]",
  );
  process.exit(2);
}

const work = await mkdtemp(join(tmpdir(), "coder-auth-ui-front-door-"));
const children: ChildProcess[] = [];
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await new Promise((done) => setTimeout(done, 300));
  await rm(work, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop(0));

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  // Each child's output goes to its own log, shown only when the child dies on its own.
  const log = join(work, `${name}.log`);
  const out = openSync(log, "a");
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", out, out],
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[front-door] ${name} exited (${signal ?? code}):\n${readFileSync(log, "utf8")}`);
    void stop(1);
  });
  children.push(child);
  return child;
}

/** The build as a deployment would have it, with precompressed siblings for text files. */
async function prepareDist(): Promise<string> {
  const dist = join(work, "dist");
  await cp(join(root, "dist"), dist, { recursive: true });
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if ([".js", ".css", ".html", ".svg"].includes(extname(path))) {
        const body = await readFile(path);
        if (!existsSync(`${path}.br`)) await writeFile(`${path}.br`, brotliCompressSync(body));
        if (!existsSync(`${path}.gz`)) await writeFile(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    }
  };
  await walk(dist);
  return dist;
}

/** envsubst with exactly the template's variables, as the README tells operators to. */
function fillTemplate(
  template: string,
  values: Record<string, string>,
  variables: readonly string[],
): string {
  const shellFormat = variables.map((name) => `$\{${name}}`).join(" ");
  const result = spawnSync("envsubst", [shellFormat], {
    input: template,
    env: { ...process.env, ...values },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`envsubst failed: ${result.stderr}`);
  return result.stdout;
}

/** A throwaway self-signed certificate for localhost (the TLS projects ignore its issuer). */
function makeCertificate(): { cert: string; key: string } {
  const cert = join(work, "tls-cert.pem");
  const key = join(work, "tls-key.pem");
  if (!existsSync(cert)) {
    const made = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,DNS:*.localhost",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { encoding: "utf8" },
    );
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  }
  return { cert, key };
}

async function startNginx(port: number, dist: string, upstream: string, tls = false) {
  const brotli = existsSync(BROTLI_MODULE);
  const name = tls ? "nginx-tls" : "nginx";
  const prefix = join(work, name);
  await mkdir(join(prefix, "conf.d"), { recursive: true });
  const file = tls
    ? brotli
      ? DEPLOY_FILES.nginxTlsBrotli
      : DEPLOY_FILES.nginxTls
    : brotli
      ? DEPLOY_FILES.nginxBrotli
      : DEPLOY_FILES.nginx;
  const template = await readFile(join(root, file), "utf8");
  const certificate = tls ? makeCertificate() : undefined;
  await writeFile(
    join(prefix, "conf.d", "coder-auth-ui.conf"),
    fillTemplate(
      template,
      {
        LISTEN_PORT: String(port),
        DIST_DIR: dist,
        CODER_UPSTREAM: upstream,
        CODER_HOST: CODER_HOST,
        ...(certificate ? { TLS_CERT_FILE: certificate.cert, TLS_KEY_FILE: certificate.key } : {}),
      },
      tls ? TLS_TEMPLATE_VARIABLES : TEMPLATE_VARIABLES,
    ),
  );
  // The main context an operator's nginx.conf provides, reduced to what a test run needs.
  await writeFile(
    join(prefix, "nginx.conf"),
    `${brotli ? `load_module ${BROTLI_MODULE};\n` : ""}daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 256; }
http {
    types {
        text/html html;
        text/css css;
        text/javascript js;
        image/svg+xml svg;
        application/json json map;
        image/png png;
        font/woff2 woff2;
    }
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${prefix}/body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    include ${prefix}/conf.d/*.conf;
}
`,
  );
  const args = ["-p", `${prefix}/`, "-c", `${prefix}/nginx.conf`, "-e", `${prefix}/error.log`];
  const check = spawnSync("nginx", [...args, "-t"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  start(name, "nginx", args);
  console.log(`[front-door] ${name}${brotli ? " (with Brotli)" : ""} on :${port} → ${upstream}`);
}

async function startCaddy(port: number, dist: string, upstream: string, tls = false) {
  const name = tls ? "caddy-tls" : "caddy";
  const home = join(work, name);
  await mkdir(home, { recursive: true });
  const certificate = tls ? makeCertificate() : undefined;
  const config = tls ? DEPLOY_FILES.caddyTls : DEPLOY_FILES.caddy;
  start(name, "caddy", ["run", "--config", config, "--adapter", "caddyfile"], {
    ...(certificate ? { TLS_CERT_FILE: certificate.cert, TLS_KEY_FILE: certificate.key } : {}),
    LISTEN_PORT: String(port),
    DIST_DIR: dist,
    CODER_UPSTREAM: upstream,
    CODER_HOST: CODER_HOST,
    HOME: home,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
  });
  console.log(`[front-door] ${name} on :${port} → ${upstream}`);
}

/**
 * The image (Containerfile, built by `npm run image:build`) run as the README and the Kubernetes
 * manifests run it: read-only root filesystem, /tmp the only writable place, its own non-root
 * user, no capabilities; with `tls`, the throwaway certificate mounted and named in
 * TLS_CERT_FILE/TLS_KEY_FILE. `podman run` stays in the foreground as the child; stopping it
 * stops and removes the container.
 */
async function startImage(port: number, upstream: string, tls = false) {
  const image = process.env.IMAGE ?? "localhost/coder-auth-ui:latest";
  const name = `coder-auth-ui-front-door-${port}`;
  const podman = join(root, "scripts", "podman.sh");
  const tlsOptions: string[] = [];
  if (tls) {
    // A folder of its own that the container's user (uid 10001) can read.
    const certificate = makeCertificate();
    const dir = join(work, "image-tls");
    await mkdir(dir, { recursive: true });
    await cp(certificate.cert, join(dir, "tls.crt"));
    await cp(certificate.key, join(dir, "tls.key"));
    await chmod(dir, 0o755);
    await chmod(join(dir, "tls.key"), 0o644);
    tlsOptions.push(
      `--volume=${dir}:/etc/coder-auth-ui/tls:ro`,
      "--env=TLS_CERT_FILE=/etc/coder-auth-ui/tls/tls.crt",
      "--env=TLS_KEY_FILE=/etc/coder-auth-ui/tls/tls.key",
    );
  }
  // A container left by a run that was killed would hold the port.
  spawnSync("bash", [podman, "rm", "--force", "--ignore", name], { stdio: "ignore" });
  start(tls ? "image-tls" : "image", "bash", [
    podman,
    "run",
    "--rm",
    `--name=${name}`,
    "--network=host",
    "--read-only",
    "--tmpfs=/tmp:rw,size=64m,mode=1777",
    "--cap-drop=ALL",
    "--security-opt=no-new-privileges",
    `--env=LISTEN_PORT=${port}`,
    `--env=CODER_UPSTREAM=${upstream}`,
    `--env=CODER_HOST=${CODER_HOST}`,
    ...tlsOptions,
    image,
  ]);
  console.log(`[front-door] image${tls ? " (TLS)" : ""} ${image} on :${port} → ${upstream}`);
}

/** Waits until a server on the port accepts connections (up to 30 s, or as many as given). */
async function ready(port: number, seconds = 30) {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      await new Promise<void>((done, fail) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.end();
          done();
        });
        socket.on("error", fail);
      });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error(`nothing answers on port ${port}`);
}

try {
  const upstream = `http://127.0.0.1:${ports.mock}`;
  // Started as the README tells operators to start Coder behind a front door on this host.
  start("mock", process.execPath, [
    "mock/standalone.ts",
    "--port",
    String(ports.mock),
    "--proxy-trusted-headers",
    "X-Forwarded-For",
    "--proxy-trusted-origins",
    "127.0.0.1/32",
  ]);
  const dist = await prepareDist();
  // Caddy first, and ready before nginx starts: the suite waits for nginx only.
  if (ports.caddy) {
    await startCaddy(ports.caddy, dist, upstream);
    await ready(ports.caddy);
  }
  if (ports.caddyTls) {
    await startCaddy(ports.caddyTls, dist, upstream, true);
    await ready(ports.caddyTls);
  }
  if (ports.nginxTls) {
    await startNginx(ports.nginxTls, dist, upstream, true);
    await ready(ports.nginxTls);
  }
  if (ports.image) {
    await startImage(ports.image, upstream);
    // A container's first start sets up its storage: slower than a process.
    await ready(ports.image, 120);
  }
  if (ports.imageTls) {
    await startImage(ports.imageTls, upstream, true);
    await ready(ports.imageTls, 120);
  }
  await ready(ports.mock);
  if (ports.nginx) await startNginx(ports.nginx, dist, upstream);
} catch (error) {
  console.error(error);
  await stop(1);
}
