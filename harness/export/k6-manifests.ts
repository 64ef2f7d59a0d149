/**
 * Kubernetes manifests for a k6-operator run of an export. The script and its shards travel as one
 * `k6 archive` on a PersistentVolumeClaim (a ConfigMap holds at most 1 MiB; a readiness export is
 * megabytes, a soak hundreds), the token comes from a Secret into the variable `tranche run` reads,
 * and every runner writes its `--out json` output (via `K6_OUT`, named after its pod) to a results
 * volume, from which `tranche check --state` merges them and evaluates the gates over the whole:
 * k6-operator evaluates thresholds per runner, so no runner's exit code is the verdict.
 */
import type { ExportedFile } from "./k6-export.ts";

export interface K6ManifestInput {
  readonly suite: string;
  readonly segments: number;
  readonly tokenEnv: string;
}

/** Kubernetes object name from a suite id (`provisioning.replay` → `tranche-provisioning-replay`). */
export function k8sNameOf(suite: string): string {
  return `tranche-${suite.replace(/[^a-z0-9]+/g, "-")}`.slice(0, 52);
}

/** The files under k8s/: volumes, a loader pod to copy files in and out, and the TestRun. */
export function renderK6Manifests(input: K6ManifestInput): ExportedFile[] {
  const name = k8sNameOf(input.suite);
  const volumes = `# Two volumes: the exported archive (read by every runner) and the runners' outputs.
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}-export
spec:
  accessModes: [ReadWriteMany]
  resources:
    requests:
      storage: 2Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}-results
spec:
  accessModes: [ReadWriteMany]
  resources:
    requests:
      storage: 2Gi
`;
  const loader = `# A pod that mounts both volumes: kubectl cp the archive in and the outputs out.
apiVersion: v1
kind: Pod
metadata:
  name: ${name}-loader
spec:
  restartPolicy: Never
  containers:
    - name: loader
      image: busybox:1.36
      command: ["sh", "-c", "mkdir -p /results && sleep 86400"]
      volumeMounts:
        - { name: export, mountPath: /test }
        - { name: results, mountPath: /results }
  volumes:
    - name: export
      persistentVolumeClaim: { claimName: ${name}-export }
    - name: results
      persistentVolumeClaim: { claimName: ${name}-results }
`;
  const testRun = `# k6-operator TestRun: ${input.segments} runner(s), each an equal execution segment of the lanes.
# Each runner's VUs keep their test-wide ids across segments, so every lane runs on exactly one runner.
# (The runners' REST API stays on the operator's default address: its starter resumes them through it.)
apiVersion: k6.io/v1alpha1
kind: TestRun
metadata:
  name: ${name}
spec:
  parallelism: ${input.segments}
  script:
    volumeClaim:
      name: ${name}-export
      file: tranche.tar
  runner:
    env:
      - name: ${input.tokenEnv}
        valueFrom:
          secretKeyRef: { name: ${name}-token, key: token }
      - name: POD_NAME
        valueFrom:
          fieldRef: { fieldPath: metadata.name }
      # One output per runner, named after its pod: tranche check --state merges them all.
      - name: K6_OUT
        value: json=/results/$(POD_NAME).json.gz
    volumeMounts:
      - { name: results, mountPath: /results }
    volumes:
      - name: results
        persistentVolumeClaim: { claimName: ${name}-results }
`;
  return [
    { path: "k8s/volumes.yaml", content: volumes },
    { path: "k8s/loader.yaml", content: loader },
    { path: "k8s/testrun.yaml", content: testRun },
  ];
}
