// Generates valid App Mesh controller manifests (appmesh.k8s.aws/v1beta2) for the language-server
// benchmark: one Mesh, then "services" of four resources each (two VirtualNodes with a listener,
// health check, DNS discovery and a backend; a VirtualRouter with an inline route splitting traffic
// by weight between them; a VirtualService provided by the router). Deterministic: the same options
// give the same text. Run directly to check the output against our model:
//   node --import tsx test/bench/generate.ts
import { WorkspaceIndex } from "../../src/model/workspaceIndex";

export interface GenerateOptions {
  /** Number of App Mesh resources (YAML documents), Mesh included. */
  resources: number;
  /** Mesh and service-name prefix, so that two generated files can live side by side. */
  prefix?: string;
  /**
   * Insert a whitespace-only line inside one listener of this service's first node (a completion
   * position). The line holds exactly `LISTENER_FIELD_INDENT` spaces.
   */
  blankLineInService?: number;
}

export interface GeneratedManifest {
  text: string;
  lines: number;
  resources: number;
  services: number;
}

/** Indentation of a listener's fields (`portMapping`, `healthCheck`, ...) in a generated VirtualNode. */
export const LISTENER_FIELD_INDENT = 6;
/** Marker comments that the benchmark uses to find positions; YAML comments, so harmless. */
export const EDIT_MARKER = "# bench:edit-weight";
export const COMPLETION_MARKER = "# bench:completion";

const NAMESPACES = 8;
const PROTOCOLS = [
  { protocol: "http", route: "httpRoute", match: ["match:", "  prefix: /"] },
  { protocol: "http2", route: "http2Route", match: ["match:", "  prefix: /api"] },
  { protocol: "grpc", route: "grpcRoute", match: ["match:", "  serviceName: bench.Service"] },
] as const;

const pad = (n: number) => String(n).padStart(4, "0");

export function generateManifest(options: GenerateOptions): GeneratedManifest {
  const prefix = options.prefix ?? "bench";
  const mesh = `${prefix}-mesh`;
  const docs: string[][] = [];
  docs.push([
    "apiVersion: appmesh.k8s.aws/v1beta2",
    "kind: Mesh",
    "metadata:",
    `  name: ${mesh}`,
    "spec:",
    "  egressFilter:",
    "    type: DROP_ALL",
    "  namespaceSelector:",
    "    matchLabels:",
    `      mesh: ${mesh}`,
  ]);

  const remaining = Math.max(0, options.resources - 1);
  const services = Math.floor(remaining / 4);
  const extraNodes = remaining % 4;
  const namespaceOf = (i: number) => `${prefix}-team-${i % NAMESPACES}`;
  const serviceName = (i: number) => `${prefix}-svc-${pad(i)}`;

  for (let i = 0; i < services; i++) {
    const ns = namespaceOf(i);
    const svc = serviceName(i);
    const { protocol, route, match } = PROTOCOLS[i % PROTOCOLS.length];
    const port = 8080 + (i % 3);
    const backend = services > 1 ? (i + 1) % services : undefined;
    for (const version of ["v1", "v2"]) {
      docs.push(
        virtualNode({
          name: `${svc}-${version}`,
          ns,
          app: svc,
          version,
          port,
          protocol,
          backend: backend === undefined ? undefined : { name: serviceName(backend), ns: namespaceOf(backend) },
          blankLine: version === "v1" && options.blankLineInService === i,
        }),
      );
    }
    const first = i === Math.floor(services / 2);
    const routeLines = [
      `    - name: ${svc}-route`,
      `      ${route}:`,
      ...match.map((l) => `        ${l}`),
      "        action:",
      "          weightedTargets:",
      "            - virtualNodeRef:",
      `                name: ${svc}-v1`,
      `              weight: 50${first ? `  ${EDIT_MARKER}` : ""}`,
      "            - virtualNodeRef:",
      `                name: ${svc}-v2`,
      "              weight: 50",
      "        retryPolicy:",
      "          maxRetries: 2",
      "          perRetryTimeout:",
      "            value: 1",
      "            unit: s",
      ...(route === "grpcRoute" ? ["          grpcRetryEvents:", "            - unavailable"] : ["          httpRetryEvents:", "            - server-error"]),
    ];
    docs.push([
      "apiVersion: appmesh.k8s.aws/v1beta2",
      "kind: VirtualRouter",
      "metadata:",
      `  name: ${svc}-router`,
      `  namespace: ${ns}`,
      "spec:",
      "  listeners:",
      "    - portMapping:",
      `        port: ${port}`,
      `        protocol: ${protocol}`,
      "  routes:",
      ...routeLines,
    ]);
    docs.push([
      "apiVersion: appmesh.k8s.aws/v1beta2",
      "kind: VirtualService",
      "metadata:",
      `  name: ${svc}`,
      `  namespace: ${ns}`,
      "spec:",
      `  awsName: ${svc}.${ns}.svc.cluster.local`,
      "  provider:",
      "    virtualRouter:",
      "      virtualRouterRef:",
      `        name: ${svc}-router`,
    ]);
  }
  for (let j = 0; j < extraNodes; j++) {
    docs.push(virtualNode({ name: `${prefix}-extra-${j}`, ns: namespaceOf(j), app: `${prefix}-extra-${j}`, version: "v1", port: 9090, protocol: "tcp" }));
  }

  const text = docs.map((d) => d.join("\n") + "\n").join("---\n");
  return { text, lines: text.split("\n").length - 1, resources: docs.length, services };
}

interface NodeOptions {
  name: string;
  ns: string;
  app: string;
  version: string;
  port: number;
  protocol: string;
  backend?: { name: string; ns: string };
  blankLine?: boolean;
}

function virtualNode(o: NodeOptions): string[] {
  const healthProtocol = o.protocol === "tcp" ? "tcp" : o.protocol;
  return [
    "apiVersion: appmesh.k8s.aws/v1beta2",
    "kind: VirtualNode",
    "metadata:",
    `  name: ${o.name}`,
    `  namespace: ${o.ns}`,
    "spec:",
    "  podSelector:",
    "    matchLabels:",
    `      app: ${o.app}`,
    `      version: ${o.version}`,
    "  listeners:",
    "    - portMapping:",
    `        port: ${o.port}`,
    `        protocol: ${o.protocol}`,
    ...(o.blankLine ? [COMPLETION_MARKER.replace(/^/, " ".repeat(LISTENER_FIELD_INDENT)), " ".repeat(LISTENER_FIELD_INDENT)] : []),
    "      healthCheck:",
    `        protocol: ${healthProtocol}`,
    ...(healthProtocol === "http" || healthProtocol === "http2" ? ["        path: /health"] : []),
    "        healthyThreshold: 2",
    "        unhealthyThreshold: 3",
    "        timeoutMillis: 2000",
    "        intervalMillis: 5000",
    ...(o.backend
      ? ["  backends:", "    - virtualService:", "        virtualServiceRef:", `          name: ${o.backend.name}`, `          namespace: ${o.backend.ns}`]
      : []),
    "  serviceDiscovery:",
    "    dns:",
    `      hostname: ${o.name}.${o.ns}.svc.cluster.local`,
  ];
}

/** Errors (and warnings) our own model reports for `text`; the generator's output must have none. */
export function modelProblems(uri: string, text: string): { errors: number; warnings: number; first?: string } {
  const index = new WorkspaceIndex();
  index.set(uri, text);
  const diagnostics = index.diagnostics(uri);
  const errors = diagnostics.filter((d) => d.severity === "error");
  const first = diagnostics[0];
  return {
    errors: errors.length,
    warnings: diagnostics.length - errors.length,
    first: first ? `${first.code}: ${first.message} (offset ${first.span.start}: ${JSON.stringify(text.slice(first.span.start, first.span.start + 40))})` : undefined,
  };
}

if (require.main === module) {
  for (const [label, options] of [
    ["big", { resources: 2_000 }],
    ["edit", { resources: 41, prefix: "edit" }],
    ["completion", { resources: 41, prefix: "completion", blankLineInService: 5 }],
  ] as const) {
    const started = performance.now();
    const generated = generateManifest(options);
    const problems = modelProblems(`file:///bench/${label}.yaml`, generated.text);
    console.log(
      `${label}: ${generated.lines} lines, ${generated.resources} resources; model: ${problems.errors} errors, ${problems.warnings} warnings` +
        ` (${(performance.now() - started).toFixed(0)} ms)${problems.first ? `; first: ${problems.first}` : ""}`,
    );
  }
}
