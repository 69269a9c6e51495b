// `npm run mock`: the mock Coder API alone on real HTTP, for curl and for pointing other tools at.
//   npm run mock                 → http://127.0.0.1:3001
//   npm run mock -- --port 4000  (or PORT=4000 npm run mock)
//   npm run mock -- --proxy-trusted-headers X-Forwarded-For --proxy-trusted-origins 127.0.0.1/32
//     (behind a proxy, as a real Coder is started: the client address comes from the header
//     when the proxy is the peer; comma-separated lists, or the flag repeated)
import { createMockCoder, describeSeededAccounts } from "./coder.ts";
import { createMockHttpServer } from "./node-http.ts";
import { invalidOrigin } from "./realip.ts";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index !== -1) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Every value of a list flag (`--name a,b`, `--name=a`, repeated), as Coder's CLI reads them. */
function listOption(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, i) => {
    if (arg === name) values.push(process.argv[i + 1] ?? "");
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  });
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

const proxyTrustedHeaders = listOption("--proxy-trusted-headers");
const proxyTrustedOrigins = listOption("--proxy-trusted-origins");
const badOrigin = invalidOrigin(proxyTrustedOrigins);
if (badOrigin) {
  process.stderr.write(`${badOrigin}\n`);
  process.exit(2);
}

const port = Number(option("--port") ?? process.env.PORT ?? 3001);
const host = option("--host") ?? "127.0.0.1";
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`Invalid port: ${option("--port") ?? process.env.PORT}\n`);
  process.exit(2);
}

const say = (line: string) => process.stdout.write(`${line}\n`);
let base = `http://${host}:${port}`;

const mock = createMockCoder({
  config: { proxyTrustedHeaders, proxyTrustedOrigins },
  onMail: (mail) => say(`[mock mail] to ${mail.to} → ${base}${mail.link}`),
});
const server = createMockHttpServer(mock);

server.listen(port, host, () => {
  const address = server.address();
  if (typeof address === "object" && address) base = `http://${host}:${address.port}`;
  say(`Mock Coder API listening on ${base} (API at ${base}/api/v2)`);
  if (proxyTrustedOrigins.length > 0 && proxyTrustedHeaders.length > 0) {
    say(
      `Client address from ${proxyTrustedHeaders.join(", ")} when the peer is in ${proxyTrustedOrigins.join(", ")}`,
    );
  }
  say("Seeded accounts:");
  for (const line of describeSeededAccounts()) say(`  ${line}`);
  say(`Mailbox: ${base}/__mock/mailbox   Reset: curl -X POST ${base}/__mock/reset`);
  say(
    `Try: curl -i -X POST ${base}/api/v2/users/login -H 'content-type: application/json' -d '{"email":"admin@coder.com","password":"SomeSecurePassword!"}'`,
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; they are not worth waiting for.
    server.closeAllConnections();
  });
}
