import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkKubernetes } from "./check-kubernetes.ts";

const manifests = join(import.meta.dirname, "..", "deploy", "kubernetes");
const copies: string[] = [];
afterEach(async () => {
  for (const dir of copies.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The problems found in a copy of deploy/kubernetes with one file changed. */
async function problemsAfter(file: string, change: (text: string) => string) {
  const dir = await mkdtemp(join(tmpdir(), "coder-auth-ui-k8s-"));
  copies.push(dir);
  await cp(manifests, dir, { recursive: true });
  const before = await readFile(join(dir, file), "utf8");
  const after = change(before);
  expect(after, "the change applies").not.toBe(before);
  await writeFile(join(dir, file), after);
  return (await checkKubernetes(dir)).problems;
}

describe("deploy/kubernetes", () => {
  it("is valid: Kubernetes' schemas and the front door's rules", async () => {
    const { problems, checked } = await checkKubernetes(manifests);
    expect(problems).toEqual([]);
    expect(checked.map((where) => where.replace(/^.*\((\w+) .*$/, "$1")).sort()).toEqual([
      "ConfigMap",
      "Deployment",
      "Ingress",
      "PodDisruptionBudget",
      "Service",
    ]);
  });

  it("refuses a misspelt field, which the API server would drop with only a warning", async () => {
    const problems = await problemsAfter("deployment.yaml", (text) =>
      text.replace("readinessProbe:", "readinesProbe:"),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/containers\/0\/readinesProbe: not a field Kubernetes knows/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/readinessProbe must be an httpGet/));
  });

  it("refuses a misspelt field at the top and deep in a spec", async () => {
    expect(
      await problemsAfter("service.yaml", (text) => text.replace("metadata:", "metdata:")),
    ).toContainEqual(expect.stringMatching(/service\.yaml.*\/metdata: not a field/));
    expect(
      await problemsAfter("ingress.yaml", (text) =>
        text.replace("pathType: Prefix", "pathtype: Prefix"),
      ),
    ).toContainEqual(expect.stringMatching(/paths\/0\/pathtype: not a field/));
  });

  it("refuses a value of the wrong type", async () => {
    const problems = await problemsAfter("deployment.yaml", (text) =>
      text.replace("replicas: 2", 'replicas: "two"'),
    );
    expect(problems).toContainEqual(expect.stringMatching(/\/spec\/replicas: must be integer/));
  });

  it("refuses a missing required field", async () => {
    const problems = await problemsAfter("deployment.yaml", (text) =>
      text.replace("- name: front-door", "- tty: false"),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/containers\/0: must have required property 'name'/),
    );
  });

  it("refuses a Deployment without a liveness probe", async () => {
    const problems = await problemsAfter("deployment.yaml", (text) =>
      text.replace(/ {10}livenessProbe:\n( {12}.*\n)+/, ""),
    );
    expect(problems).toEqual([
      expect.stringMatching(/container front-door: livenessProbe must be an httpGet/),
    ]);
  });

  it("refuses a writable root filesystem, privilege escalation, kept capabilities", async () => {
    const problems = await problemsAfter("deployment.yaml", (text) =>
      text
        .replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
        .replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
        .replace('drop: ["ALL"]', 'drop: ["NET_RAW"]'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/readOnlyRootFilesystem must be true/),
      expect.stringMatching(/allowPrivilegeEscalation must be false/),
      expect.stringMatching(/capabilities.drop must hold ALL/),
    ]);
  });

  it("refuses a Service that reaches no container port, and an Ingress to an unknown Service", async () => {
    expect(
      await problemsAfter("service.yaml", (text) =>
        text.replace("targetPort: http", "targetPort: web"),
      ),
    ).toEqual([expect.stringMatching(/service\.yaml.*targetPort web is no container port/)]);
    expect(
      await problemsAfter("ingress.yaml", (text) =>
        text.replace(
          "name: coder-auth-ui\n                port:",
          "name: coder-auth\n                port:",
        ),
      ),
    ).toContainEqual(
      expect.stringMatching(/backend service coder-auth is neither ours nor Coder's/),
    );
  });

  it("refuses a volume from a ConfigMap that is not deployed", async () => {
    const problems = await problemsAfter("deployment.yaml", (text) =>
      text.replace("name: coder-auth-ui-nginx", "name: coder-auth-ui-nginx-additions"),
    );
    expect(problems).toEqual([
      expect.stringMatching(/volume nginx-additions: no ConfigMap coder-auth-ui-nginx-additions/),
    ]);
  });

  it("refuses a kustomization that lists a missing file or leaves one out", async () => {
    expect(
      await problemsAfter("kustomization.yaml", (text) =>
        text.replace("- service.yaml", "- services.yaml"),
      ),
    ).toEqual(
      expect.arrayContaining([
        "kustomization.yaml: resource services.yaml does not exist",
        "service.yaml: not listed in kustomization.yaml's resources",
      ]),
    );
  });

  it("refuses Coder's values without the trusted proxy settings, or with a public Service", async () => {
    const problems = await problemsAfter("coder-values.yaml", (text) =>
      text
        .replace("CODER_PROXY_TRUSTED_ORIGINS", "CODER_PROXY_TRUSTED")
        .replace("type: ClusterIP", "type: LoadBalancer"),
    );
    expect(problems).toEqual([
      "coder-values.yaml: coder.env has no CODER_PROXY_TRUSTED_ORIGINS",
      "coder-values.yaml: coder.service.type must be ClusterIP (users go through the front door)",
    ]);
  });
});
