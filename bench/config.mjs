#!/usr/bin/env node
// Config-check figures (issue 7). Run: node --import tsx bench/config.mjs [--runs N]
//   1. 1,000 Kubernetes resources (100 files: Deployments, StatefulSets, DaemonSets, CronJobs, Services,
//      Ingresses, RBAC, NetworkPolicies) through `scanConfig`: read, parse with positions, all checks;
//      then the two phases apart (load: read + YAML with positions + resources; checks), and the
//      `yaml` package's document API (parseDocument + toJS, what the loader used before) on the same
//      text, as the in-run reference for the loader.
//      The same 1,000 resources through the CLI as a user runs it (`node bin/palisade.js config`, a
//      fresh process each time: startup, module loading, cold JIT, report output), when dist/ is built
//      (`npm run build`); `palisade --version` measured the same way is the startup share.
//   2. 100 Dockerfiles and 100 Compose files, the same way.
// Targets: each ≤ 1 s. Every figure is printed as wall time (what a user waits for) and CPU time of
// this process (user + system): on a shared, loaded machine the wall time mostly measures the other
// tenants, the CPU time is what the work costs. The ratio to the target is printed for both.
// Peer measured in the same run: dockerfilelint (npm; the only Dockerfile linter installable here —
// hadolint, Trivy, Checkov, kube-score and Kubescape are neither on npm nor in Debian 12). No
// Kubernetes or Compose checker is installable offline, so those have no peer.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { loadConfigResources, scanConfig } from '../src/evaluate/config-scan.ts';
import { evaluate } from '../src/evaluate/engine.ts';
import { builtinChecks } from '../src/evaluate/registry.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

const D = 'sha256:' + '0123456789abcdef'.repeat(4);
function workload(kind, i, ns) {
  const podSpec = `      serviceAccountName: app-${i % 7}
      securityContext:
        runAsNonRoot: ${i % 3 !== 0}
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: registry.example.com/team-${i % 5}/app-${i}:1.${i % 13}.0${i % 4 === 0 ? '@' + D : ''}
          ports:
            - containerPort: 8080
              name: http${i % 10 === 0 ? '\n              hostPort: 8080' : ''}
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_PASSWORD
              ${i % 6 === 0 ? 'value: hunter2' : 'valueFrom: {secretKeyRef: {name: db, key: password}}'}
          securityContext:
            allowPrivilegeEscalation: false
            privileged: ${i % 17 === 0}
            capabilities: {drop: [ALL]${i % 9 === 0 ? ', add: [NET_ADMIN]' : ''}}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          livenessProbe: {httpGet: {path: /healthz, port: http}}
          readinessProbe: {httpGet: {path: /ready, port: http}}
          volumeMounts:
            - {name: cache, mountPath: /cache}
      volumes:
        - name: cache
          ${i % 11 === 0 ? 'hostPath: {path: /var/cache/app}' : 'emptyDir: {}'}`;
  const meta = `metadata:
  name: app-${i}
  namespace: ${ns}
  labels: {app: app-${i}, team: team-${i % 5}}`;
  if (kind === 'CronJob')
    return `apiVersion: batch/v1
kind: CronJob
${meta}
spec:
  schedule: "*/15 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
${podSpec.replace(/^/gm, '    ')}`;
  return `apiVersion: apps/v1
kind: ${kind}
${meta}
spec:
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
${podSpec}`;
}
function other(kind, i, ns) {
  switch (kind) {
    case 'Service':
      return `apiVersion: v1\nkind: Service\nmetadata: {name: app-${i}, namespace: ${ns}}\nspec:\n  type: ${i % 8 === 0 ? 'LoadBalancer' : 'ClusterIP'}\n  selector: {app: app-${i}}\n  ports: [{port: 80, targetPort: http}]`;
    case 'Ingress':
      return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: app-${i}, namespace: ${ns}}\nspec:\n${i % 3 === 0 ? '' : `  tls: [{hosts: [app-${i}.example.com], secretName: app-${i}-tls}]\n`}  rules:\n    - host: app-${i}.example.com\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: app-${i}, port: {number: 80}}}}]`;
    case 'Role':
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: app-${i}, namespace: ${ns}}\nrules:\n  - apiGroups: [""]\n    resources: [configmaps${i % 4 === 0 ? ', secrets' : ''}]\n    verbs: [get, list${i % 10 === 0 ? ', "*"' : ''}]`;
    case 'RoleBinding':
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: app-${i}, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app-${i}}\nsubjects:\n  - {kind: ServiceAccount, name: ${i % 5 === 0 ? 'default' : `app-${i % 7}`}, namespace: ${ns}}`;
    case 'NetworkPolicy':
      return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: app-${i}, namespace: ${ns}}\nspec:\n  podSelector: {matchLabels: {app: app-${i}}}\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{podSelector: {matchLabels: {role: gateway}}}]\n      ports: [{port: 8080}]`;
    default:
      throw new Error(kind);
  }
}
const KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'Service',
  'Ingress',
  'Role',
  'RoleBinding',
  'NetworkPolicy',
  'Deployment',
];

function dockerfile(i) {
  return `# syntax=docker/dockerfile:1.7
ARG GO_VERSION=1.23.${i % 5}
FROM golang:\${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app-${i} ./cmd/app

FROM debian:12.${i % 9}${i % 3 === 0 ? '@' + D : ''}
RUN apt-get update \\
    && apt-get install -y ${i % 2 ? '--no-install-recommends ' : ''}ca-certificates curl \\
    ${i % 4 ? '&& rm -rf /var/lib/apt/lists/*' : ''}
${i % 7 === 0 ? 'RUN curl -fsSL https://example.com/install.sh | sh\n' : ''}ENV APP_HOME=/srv/app PORT=8080${i % 8 === 0 ? ' API_TOKEN=abc123' : ''}
WORKDIR \${APP_HOME}
COPY --from=build /out/app-${i} /usr/local/bin/app
RUN <<EOF
useradd --uid 10001 app
chown -R app /srv/app
EOF
EXPOSE \${PORT}${i % 10 === 0 ? ' 22' : ''}
${i % 5 ? 'USER app' : ''}
${i % 2 ? 'HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]' : ''}
CMD ["app", "serve"]
`;
}
function compose(i) {
  return `services:
  web:
    image: registry.example.com/web:${i % 3 ? '2.' + i : 'latest'}
    ports: ["${i % 2 ? '127.0.0.1:' : ''}8080:8080"]
    environment:
      DB_HOST: db
      DB_PASSWORD: ${i % 4 ? '${DB_PASSWORD}' : 'changeme'}
    ${i % 5 ? 'user: "10001"' : 'privileged: true'}
    read_only: true
    security_opt: [no-new-privileges:true${i % 6 === 0 ? ', seccomp:unconfined' : ''}]
    deploy:
      resources:
        limits: {memory: 256m, cpus: "0.5"}
  db:
    image: postgres:16.${i % 5}
    volumes:
      - db:/var/lib/postgresql/data
      ${i % 9 === 0 ? '- /var/run/docker.sock:/var/run/docker.sock' : '- ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro'}
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/pg
  worker:
    build: ./worker
    network_mode: ${i % 7 === 0 ? 'host' : 'bridge'}
    cap_add: [${i % 3 === 0 ? 'SYS_ADMIN' : 'NET_BIND_SERVICE'}]
volumes:
  db: {}
`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
// wall time, and CPU time of this process (user+system): on a shared machine the CPU time is the
// steadier figure, the wall time the one a user waits for
async function time(fn) {
  const wall = [];
  const cpu = [];
  let last;
  for (let r = 0; r < RUNS; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    last = await fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms: median(wall), min: Math.min(...wall), cpu: median(cpu), last };
}

// CPU time of a child process (user + system, all its threads), reported by the child at exit
const CPU_AT_EXIT =
  "data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\npalisade-bench-cpu-us '+(u.user+u.system)+'\\n')})";
function cliRun(args) {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', CPU_AT_EXIT, join(root, 'bin', 'palisade.js'), ...args],
    {
      encoding: 'utf8',
    },
  );
  const ms = performance.now() - t;
  const m = /palisade-bench-cpu-us (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`palisade ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return { ms, cpu: Number(m[1]) / 1000 };
}
function newestMtime(d) {
  let max = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    max = Math.max(max, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return max;
}
function cliFigures(k8sDir) {
  // bin/palisade.js runs the bundle when it is built, else the per-module build
  const entry = [join(root, 'dist', 'bundle', 'palisade.mjs'), join(root, 'dist', 'cli', 'main.js')].find(
    (p) => existsSync(p),
  );
  if (!entry) return { error: 'dist/ not built (npm run build)' };
  const stale = statSync(entry).mtimeMs < newestMtime(join(root, 'src'));
  const runs = Math.min(RUNS, 3);
  const measure = (args) => {
    const xs = Array.from({ length: runs }, () => cliRun(args));
    return {
      ms: median(xs.map((x) => x.ms)),
      min: Math.min(...xs.map((x) => x.ms)),
      cpu: median(xs.map((x) => x.cpu)),
    };
  };
  return {
    runs,
    stale,
    entry: entry.slice(root.length),
    scan: measure(['config', '--format', 'json', '--output', '/dev/null', k8sDir]),
    version: measure(['--version']),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-config-'));
try {
  // 1. Kubernetes
  const k8sDir = join(dir, 'k8s');
  mkdirSync(k8sDir);
  let n = 0;
  for (let f = 0; f < 100; f++) {
    const docs = [];
    for (let j = 0; j < 10; j++, n++) {
      const kind = KINDS[(f + j) % KINDS.length];
      const ns = `ns-${f % 12}`;
      docs.push(
        ['Service', 'Ingress', 'Role', 'RoleBinding', 'NetworkPolicy'].includes(kind)
          ? other(kind, n, ns)
          : workload(kind, n, ns),
      );
    }
    writeFileSync(join(k8sDir, `m${f}.yaml`), docs.join('\n---\n') + '\n');
  }
  const k8s = await time(() => scanConfig([k8sDir]));
  const kr = k8s.last;
  if (kr.warnings.length) throw new Error(`bench input produced warnings: ${kr.warnings[0].message}`);

  // 2. Dockerfiles and Compose files
  const dfDir = join(dir, 'dockerfiles');
  const cpDir = join(dir, 'compose');
  mkdirSync(dfDir);
  mkdirSync(cpDir);
  const dockerfiles = [];
  for (let i = 0; i < 100; i++) {
    mkdirSync(join(dfDir, `s${i}`));
    mkdirSync(join(cpDir, `s${i}`));
    const p = join(dfDir, `s${i}`, 'Dockerfile');
    writeFileSync(p, dockerfile(i));
    dockerfiles.push(p);
    writeFileSync(join(cpDir, `s${i}`, 'compose.yaml'), compose(i));
  }
  const df = await time(() => scanConfig([dfDir]));
  const cp = await time(() => scanConfig([cpDir]));
  const both = await time(() => scanConfig([dfDir, cpDir]));

  // peer: dockerfilelint on the same 100 Dockerfiles (read + lint), installed on demand into bench/out
  const peerDir = join(root, 'bench', 'out', 'peers');
  let peer;
  try {
    if (!existsSync(join(peerDir, 'node_modules', 'dockerfilelint')))
      execFileSync(
        'npm',
        ['install', '--prefix', peerDir, '--no-audit', '--no-fund', '--silent', 'dockerfilelint@1.8.0'],
        { stdio: 'ignore' },
      );
    const dfl = createRequire(join(peerDir, 'package.json'))('dockerfilelint');
    peer = await time(() => {
      let items = 0;
      let crashed = 0;
      for (const p of dockerfiles)
        try {
          items += dfl.run(dirname(p), readFileSync(p, 'utf8')).length;
        } catch {
          crashed++; // e.g. TypeError on exec-form HEALTHCHECK
        }
      return { items, crashed };
    });
  } catch (e) {
    peer = { error: e.message };
  }

  // the CLI as a user runs it (a fresh process: Node startup, module loading, cold JIT, report
  // output), when dist/ is built; `--version` in the same way is the startup alone
  const cli = cliFigures(k8sDir);

  // the two phases of the Kubernetes scan apart, and the reference loader
  let resources;
  const load = await time(async () => (resources = (await loadConfigResources([k8sDir])).resources));
  const checks = await time(() => evaluate(resources, builtinChecks));
  const texts = readdirSync(k8sDir).map((f) => readFileSync(join(k8sDir, f), 'utf8'));
  const refLoad = await time(() => {
    for (const t of texts)
      for (const d of t.split(/^---$/m))
        parseDocument(d, { lineCounter: new LineCounter(), uniqueKeys: false }).toJS({ maxAliasCount: 100 });
  });

  const count = (r) => `${r.findings.length} findings`;
  const ms = (x) => `${x.toFixed(0)} ms`;
  const fig = (t) => `wall ${ms(t.ms)} (min ${ms(t.min)}), cpu ${ms(t.cpu)}`;
  const vsTarget = (t, target) =>
    `target <= ${target} ms: wall ${(t.ms / target).toFixed(2)}x, cpu ${(t.cpu / target).toFixed(2)}x of target (${t.cpu <= target ? 'met' : 'MISSED'} on cpu, ${t.ms <= target ? 'met' : 'missed'} on wall)`;
  console.log(
    `palisade config benchmark (median of ${RUNS} runs, Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)})`,
  );
  console.log(`  kubernetes: ${n} resources in 100 files   ${fig(k8s)}  ${count(kr)}`);
  console.log(`      ${vsTarget(k8s, 1000)}`);
  if (cli.error) console.log(`      CLI: not measured (${cli.error})`);
  else {
    console.log(
      `      CLI \`palisade config --format json\` (${cli.entry}, fresh process, median of ${cli.runs}${cli.stale ? '; dist/ is OLDER than src/, rebuild for current figures' : ''}): ${fig(cli.scan)}`,
    );
    console.log(`      ${vsTarget(cli.scan, 1000)}`);
    console.log(`      of which process startup (\`palisade --version\`): ${fig(cli.version)}`);
  }
  console.log(`      load (read + YAML with positions + resources): ${fig(load)}`);
  console.log(`      checks: ${fig(checks)}`);
  console.log(
    `      reference: yaml package parseDocument + toJS on the same text (the loader before): ${fig(refLoad)}; its cpu / our whole load cpu = ${(refLoad.cpu / load.cpu).toFixed(1)}x`,
  );
  console.log(`  dockerfile: 100 files                  ${fig(df)}  ${count(df.last)}`);
  console.log(`      ${vsTarget(df, 1000)}`);
  console.log(`  compose:    100 files                  ${fig(cp)}  ${count(cp.last)}`);
  console.log(`      ${vsTarget(cp, 1000)}`);
  console.log(`  dockerfile + compose: 200 files        ${fig(both)}`);
  console.log(`      ${vsTarget(both, 2000)}`);
  if (peer.error) console.log(`  peer dockerfilelint: not measured (${peer.error})`);
  else
    console.log(
      `  peer dockerfilelint 1.8.0: 100 Dockerfiles ${fig(peer)}, ${peer.last.items} items, crashed on ${peer.last.crashed} files; palisade/dockerfilelint: wall ${(df.ms / peer.ms).toFixed(2)}x, cpu ${(df.cpu / peer.cpu).toFixed(2)}x (palisade: 38 checks on a full parser with heredocs and substitution; dockerfilelint: ~20 rules)`,
    );
  console.log('  kubernetes and compose peers: none installable offline (npm/Debian 12)');
} finally {
  if (process.env.PALISADE_BENCH_KEEP) console.log(`  inputs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
