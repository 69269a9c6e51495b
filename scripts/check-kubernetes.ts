// Checks deploy/kubernetes without a cluster: every object against Kubernetes' own OpenAPI
// schemas (kubernetes-models' validators are generated from them), field names included (a
// misspelt field, which the API server would drop with a mere warning, is an error here), and
// the front door's own rules: probes on the health endpoint, resources, a locked-down security
// context, /tmp as the only writable place, and Services, Ingress and budget that select it.
//   npm run test:k8s                  (node scripts/check-kubernetes.ts [DIR])
// One line per problem and exit 1, or one line saying what was checked.
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { validate as deployment } from "kubernetes-models/_schemas/IoK8sApiAppsV1Deployment";
import { validate as configMap } from "kubernetes-models/_schemas/IoK8sApiCoreV1ConfigMap";
import { validate as service } from "kubernetes-models/_schemas/IoK8sApiCoreV1Service";
import { validate as ingress } from "kubernetes-models/_schemas/IoK8sApiNetworkingV1Ingress";
import { validate as podDisruptionBudget } from "kubernetes-models/_schemas/IoK8sApiPolicyV1PodDisruptionBudget";
import { parseAllDocuments, parse as parseYaml } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null;
}

/** The kinds the front door's manifests use, and the schema of each (Kubernetes' definitions). */
const SCHEMAS: Record<string, ValidateFunction> = {
  "apps/v1 Deployment": deployment,
  "v1 Service": service,
  "v1 ConfigMap": configMap,
  "networking.k8s.io/v1 Ingress": ingress,
  "policy/v1 PodDisruptionBudget": podDisruptionBudget,
};

/** kustomization.yaml's fields this directory may use (kustomize's own names). */
const KUSTOMIZATION_FIELDS = new Set([
  "apiVersion",
  "kind",
  "namespace",
  "resources",
  "images",
  "labels",
  "commonAnnotations",
  "patches",
  "configMapGenerator",
]);

/** Coder's Service from its Helm chart (named after the release, `coder`). */
const EXTERNAL_SERVICES = new Set(["coder"]);
const HEALTH_PATH = "/auth-ui/health";
const FRONT_DOOR_ENV = ["LISTEN_PORT", "CODER_UPSTREAM", "CODER_HOST"];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const at = (value: Json | undefined, ...path: (string | number)[]): Json | undefined => {
  let current: Json | undefined = value;
  for (const key of path) {
    if (typeof key === "number") current = Array.isArray(current) ? current[key] : undefined;
    else current = isObject(current) ? current[key] : undefined;
  }
  return current;
};

/** The validators carry no messages (they are compiled without): say it from the parameters. */
function describe({
  keyword,
  params,
}: {
  keyword: string;
  params: Record<string, unknown>;
}): string {
  if (keyword === "required")
    return `must have required property '${String(params.missingProperty)}'`;
  if (keyword === "type") return `must be ${String(params.type)}`;
  if (keyword === "enum") return `must be one of ${JSON.stringify(params.allowedValues)}`;
  if (keyword === "format") return `must be ${String(params.format)}`;
  return `fails ${keyword} ${JSON.stringify(params)}`;
}

/**
 * The schema's validator, run on a view of the object that notes every field the validator
 * looks at. The schemas name each field an object may have (maps are read whole), so a field it
 * never looked at is one Kubernetes does not know.
 */
function validateStrictly(validate: ValidateFunction, document: JsonObject): string[] {
  const seen = new WeakMap<object, Set<string>>();
  const visited = new WeakSet<object>();
  const view = (value: Json): Json => {
    if (typeof value !== "object" || value === null) return value;
    visited.add(value);
    if (!seen.has(value)) seen.set(value, new Set());
    const keys = seen.get(value) as Set<string>;
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string") keys.add(key);
        const found = Reflect.get(target, key, receiver) as Json;
        return typeof key === "string" && Object.hasOwn(target, key) ? view(found) : found;
      },
      has(target, key) {
        if (typeof key === "string") keys.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        for (const key of Reflect.ownKeys(target)) if (typeof key === "string") keys.add(key);
        return Reflect.ownKeys(target);
      },
    }) as Json;
  };
  const problems: string[] = [];
  if (!validate(view(document))) {
    for (const error of validate.errors ?? [])
      problems.push(`${error.instancePath || "/"}: ${describe(error)}`);
  }
  const walk = (value: Json, path: string) => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}/${index}`);
    } else if (isObject(value)) {
      // An object the validator never reached sits under a field already reported.
      if (!visited.has(value)) return;
      const keys = seen.get(value);
      for (const [key, child] of Object.entries(value)) {
        if (!keys?.has(key)) problems.push(`${path}/${key}: not a field Kubernetes knows here`);
        else walk(child, `${path}/${key}`);
      }
    }
  };
  walk(document, "");
  return problems;
}

function schemaProblems(document: JsonObject): string[] {
  const type = `${String(document.apiVersion)} ${String(document.kind)}`;
  const validate = SCHEMAS[type];
  if (!validate)
    return [`${type}: not a kind this check knows (${Object.keys(SCHEMAS).join(", ")})`];
  return validateStrictly(validate, document);
}

const selects = (selector: Json | undefined, labels: Json | undefined) =>
  isObject(selector) &&
  Object.keys(selector).length > 0 &&
  isObject(labels) &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The front door's own rules, beyond what the schemas say. */
function frontDoorProblems(objects: { where: string; document: JsonObject }[]): string[] {
  const problems: string[] = [];
  const byKind = (kind: string) => objects.filter((object) => object.document.kind === kind);
  const deployments = byKind("Deployment");
  if (deployments.length === 0) problems.push("no Deployment of the front door");
  const podLabels = deployments.map(({ document }) =>
    at(document, "spec", "template", "metadata", "labels"),
  );
  const containerPorts = new Set<string | number>();
  const configMaps = new Set(
    byKind("ConfigMap").map(({ document }) => at(document, "metadata", "name")),
  );

  for (const { where, document } of deployments) {
    const say = (message: string) => problems.push(`${where}: ${message}`);
    const pod = at(document, "spec", "template", "spec");
    if (
      !selects(
        at(document, "spec", "selector", "matchLabels"),
        at(document, "spec", "template", "metadata", "labels"),
      )
    )
      say("spec.selector.matchLabels does not select the pod template's labels");
    if (Number(at(document, "spec", "replicas") ?? 1) < 2)
      say("fewer than 2 replicas: a restart would stop sign-in");
    const podSecurity = at(pod, "securityContext");
    const volumes = at(pod, "volumes");
    const containers = at(pod, "containers");
    if (!Array.isArray(containers) || containers.length === 0) {
      say("no containers");
      continue;
    }
    for (const container of containers) {
      const name = String(at(container, "name"));
      const sayC = (message: string) => say(`container ${name}: ${message}`);
      for (const port of (at(container, "ports") as Json[] | undefined) ?? []) {
        const number = at(port, "containerPort");
        const portName = at(port, "name");
        if (typeof number === "number") containerPorts.add(number);
        if (typeof portName === "string") containerPorts.add(portName);
      }
      for (const probe of ["readinessProbe", "livenessProbe"]) {
        const path = at(container, probe, "httpGet", "path");
        if (path !== HEALTH_PATH) sayC(`${probe} must be an httpGet of ${HEALTH_PATH}`);
      }
      for (const kind of ["requests", "limits"])
        for (const resource of ["cpu", "memory"])
          if (at(container, "resources", kind, resource) === undefined)
            sayC(`no resources.${kind}.${resource}`);
      const security = at(container, "securityContext");
      const either = (field: string) => at(security, field) ?? at(podSecurity, field);
      if (either("runAsNonRoot") !== true) sayC("securityContext.runAsNonRoot must be true");
      if (at(security, "readOnlyRootFilesystem") !== true)
        sayC("securityContext.readOnlyRootFilesystem must be true");
      if (at(security, "allowPrivilegeEscalation") !== false)
        sayC("securityContext.allowPrivilegeEscalation must be false");
      const drop = at(security, "capabilities", "drop");
      if (!Array.isArray(drop) || !drop.includes("ALL"))
        sayC("securityContext.capabilities.drop must hold ALL");
      if (at(either("seccompProfile"), "type") !== "RuntimeDefault")
        sayC("seccompProfile.type must be RuntimeDefault");
      const tmp = ((at(container, "volumeMounts") as Json[] | undefined) ?? []).find(
        (mount) => at(mount, "mountPath") === "/tmp",
      );
      const tmpVolume = ((volumes as Json[] | undefined) ?? []).find(
        (volume) => at(volume, "name") === at(tmp, "name"),
      );
      if (!tmp || at(tmpVolume, "emptyDir") === undefined)
        sayC("/tmp must be an emptyDir volume (nginx writes there)");
      for (const volume of (volumes as Json[] | undefined) ?? []) {
        const configMap = at(volume, "configMap", "name");
        if (typeof configMap === "string" && !configMaps.has(configMap))
          say(
            `volume ${String(at(volume, "name"))}: no ConfigMap ${configMap} among the manifests`,
          );
      }
      const env = new Set(
        ((at(container, "env") as Json[] | undefined) ?? []).map((item) => at(item, "name")),
      );
      for (const variable of FRONT_DOOR_ENV)
        if (!env.has(variable)) sayC(`env ${variable} is not set`);
    }
  }

  const services = byKind("Service");
  const serviceNames = new Set(services.map(({ document }) => at(document, "metadata", "name")));
  for (const { where, document } of services) {
    if (!podLabels.some((labels) => selects(at(document, "spec", "selector"), labels)))
      problems.push(`${where}: its selector matches no pod of the Deployment`);
    for (const port of (at(document, "spec", "ports") as Json[] | undefined) ?? []) {
      const target = at(port, "targetPort") ?? at(port, "port");
      if (typeof target !== "string" && typeof target !== "number") continue;
      if (!containerPorts.has(target))
        problems.push(`${where}: targetPort ${target} is no container port`);
    }
  }
  for (const { where, document } of byKind("PodDisruptionBudget"))
    if (
      !podLabels.some((labels) => selects(at(document, "spec", "selector", "matchLabels"), labels))
    )
      problems.push(`${where}: its selector matches no pod of the Deployment`);
  for (const { where, document } of byKind("Ingress")) {
    for (const rule of (at(document, "spec", "rules") as Json[] | undefined) ?? [])
      for (const path of (at(rule, "http", "paths") as Json[] | undefined) ?? []) {
        const name = at(path, "backend", "service", "name");
        if (typeof name === "string" && !serviceNames.has(name) && !EXTERNAL_SERVICES.has(name))
          problems.push(`${where}: backend service ${name} is neither ours nor Coder's`);
      }
  }
  return problems;
}

/** The objects kustomize would render from the directory, each with where it came from. */
async function load(dir: string) {
  const problems: string[] = [];
  const objects: { where: string; document: JsonObject }[] = [];
  const kustomization = parseYaml(await readFile(join(dir, "kustomization.yaml"), "utf8")) as Json;
  if (!isObject(kustomization)) return { problems: ["kustomization.yaml: not a mapping"], objects };
  for (const key of Object.keys(kustomization))
    if (!KUSTOMIZATION_FIELDS.has(key)) problems.push(`kustomization.yaml: unknown field ${key}`);
  if (kustomization.kind !== "Kustomization")
    problems.push("kustomization.yaml: kind must be Kustomization");
  const resources = kustomization.resources;
  if (!Array.isArray(resources) || resources.length === 0)
    return { problems: [...problems, "kustomization.yaml: no resources"], objects };
  const listed = new Set(resources.map(String));
  for (const file of await readdir(dir))
    if (
      /\.ya?ml$/.test(file) &&
      file !== "kustomization.yaml" &&
      !listed.has(file) &&
      file !== "coder-values.yaml"
    )
      problems.push(`${file}: not listed in kustomization.yaml's resources`);
  for (const file of listed) {
    let text: string;
    try {
      text = await readFile(join(dir, file), "utf8");
    } catch {
      problems.push(`kustomization.yaml: resource ${file} does not exist`);
      continue;
    }
    parseAllDocuments(text).forEach((parsed, index) => {
      const where = `${file}${index ? `#${index + 1}` : ""}`;
      if (parsed.errors.length) problems.push(`${where}: ${parsed.errors[0]?.message}`);
      const document = parsed.toJS() as Json;
      if (document === null) return;
      if (!isObject(document)) problems.push(`${where}: not a Kubernetes object`);
      else
        objects.push({
          where: `${where} (${document.kind} ${at(document, "metadata", "name")})`,
          document,
        });
    });
  }
  return { problems, objects };
}

/** Coder's Helm values: the settings the README tells the operator to make. */
async function coderValuesProblems(dir: string): Promise<string[]> {
  const file = "coder-values.yaml";
  let values: Json;
  try {
    values = parseYaml(await readFile(join(dir, file), "utf8")) as Json;
  } catch {
    return [];
  }
  const problems: string[] = [];
  const env = at(values, "coder", "env");
  const names = new Set(Array.isArray(env) ? env.map((item) => at(item, "name")) : []);
  for (const name of [
    "CODER_ACCESS_URL",
    "CODER_WILDCARD_ACCESS_URL",
    "CODER_PROXY_TRUSTED_HEADERS",
    "CODER_PROXY_TRUSTED_ORIGINS",
  ])
    if (!names.has(name)) problems.push(`${file}: coder.env has no ${name}`);
  if (at(values, "coder", "service", "type") !== "ClusterIP")
    problems.push(
      `${file}: coder.service.type must be ClusterIP (users go through the front door)`,
    );
  return problems;
}

export async function checkKubernetes(
  dir: string,
): Promise<{ problems: string[]; checked: string[] }> {
  const { problems, objects } = await load(dir);
  for (const { where, document } of objects)
    for (const problem of schemaProblems(document)) problems.push(`${where}: ${problem}`);
  problems.push(...frontDoorProblems(objects), ...(await coderValuesProblems(dir)));
  return { problems, checked: objects.map(({ where }) => where) };
}

/**
 * What kustomize itself renders from the directory (`kubectl kustomize`, where kubectl is
 * installed; no cluster needed), checked the same way: the namespace and image it sets included.
 */
function renderedProblems(dir: string): string[] | undefined {
  const rendered = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", timeout: 60_000 });
  if (rendered.error) return undefined;
  if (rendered.status !== 0) return [`kubectl kustomize failed: ${rendered.stderr.trim()}`];
  const objects = parseAllDocuments(rendered.stdout)
    .map((parsed) => parsed.toJS() as Json)
    .filter(isObject)
    .map((document) => ({
      where: `rendered ${document.kind} ${at(document, "metadata", "name")}`,
      document,
    }));
  const problems = objects.flatMap(({ where, document }) =>
    schemaProblems(document).map((problem) => `${where}: ${problem}`),
  );
  for (const { where, document } of objects) {
    if (at(document, "metadata", "namespace") === undefined)
      problems.push(`${where}: no namespace`);
    for (const container of (at(document, "spec", "template", "spec", "containers") as
      | Json[]
      | undefined) ?? [])
      if (!String(at(container, "image")).includes("/"))
        problems.push(`${where}: image ${String(at(container, "image"))} names no registry`);
  }
  return [...problems, ...frontDoorProblems(objects)];
}

if (import.meta.main) {
  const dir = process.argv[2] ?? join(import.meta.dirname, "..", "deploy", "kubernetes");
  const { problems, checked } = await checkKubernetes(dir);
  const rendered = renderedProblems(dir);
  problems.push(...(rendered ?? []));
  const name = relative(process.cwd(), dir) || ".";
  for (const problem of problems) console.error(`${name}/${problem}`);
  if (problems.length) process.exit(1);
  console.log(`check-kubernetes: ${name}: ${checked.length} objects valid (${checked.join(", ")})`);
  console.log(
    rendered
      ? "check-kubernetes: kubectl kustomize renders them, valid too"
      : "check-kubernetes: kubectl is not installed: kustomize's rendering was not checked",
  );
}
