// A cheap look at a file before parsing it: could it hold App Mesh definitions at all?
// Used by the language server's workspace scan and by the extension to decide when to start it.

const APP_MESH_FILE = /\.appmesh\.(ya?ml|json)(\.template|\.tpl)?$/i;
/**
 * Names of the files that may hold definitions: YAML and JSON, and the templates walkthroughs fill
 * in with envsubst (`manifest.yaml.template`, `route.json.template`, `mesh.yaml.tpl`, `*.tpl`).
 */
const DEFINITION_FILE = /\.(ya?ml|json)(\.template|\.tpl)?$|\.tpl$/i;
const DIALECT_MARKERS = /appmesh\.k8s\.aws\/|AWS::AppMesh::/;
const API_SHAPE_KEYS = /(^|[{,\s])["']?(meshName|virtualNodeName|virtualRouterName|virtualServiceName|virtualGatewayName|routeName|gatewayRouteName)["']?\s*:/m;

/** True for a YAML or JSON file name, or a template of one (see DEFINITION_FILE). */
export function isDefinitionFileName(name: string): boolean {
  return DEFINITION_FILE.test(name);
}

export function isAppMeshFileName(uri: string): boolean {
  return APP_MESH_FILE.test(uri);
}

/**
 * A CLI input file that holds only the spec (`aws appmesh create-virtual-node --mesh-name … --virtual-node-name …
 * --cli-input-json file://node.json`, as App Mesh walkthroughs write them): it starts with `spec` and
 * holds keys only an App Mesh spec has.
 */
const SPEC_ONLY_START = /^\s*(\{\s*)?["']?spec["']?\s*:/;
const SPEC_KEYS = /["']?(listeners|serviceDiscovery|backends|backendDefaults|provider|egressFilter|httpRoute|http2Route|grpcRoute|tcpRoute)["']?\s*:/;

export function mayHoldAppMesh(uri: string, text: string): boolean {
  return isAppMeshFileName(uri) || DIALECT_MARKERS.test(text) || API_SHAPE_KEYS.test(text) || (SPEC_ONLY_START.test(text) && SPEC_KEYS.test(text));
}
