// Hand-written descriptions of the App Mesh schema table in apiShapes.ts, for hover and completion.
// Keys are "Shape" or "Shape.member". Written in our own words; keep entries short and practical.

// Texts shared by several shapes that have the same meaning.
const MESH_NAME = "Mesh that will hold the new resource.";
const TAGS = "Optional key/value labels for grouping and cost tracking (up to 50).";
const CLIENT_TOKEN = "Optional idempotency token: repeating a request with the same token won't create a second resource.";
const MESH_OWNER = "12-digit account that owns the mesh. Only needed when another account shared the mesh with you.";
const IP_PREFERENCE_NODE = "IP family this node's traffic should use; overrides the mesh-wide `ipPreference` for this node only.";

const DURATION_PER_REQUEST =
  "Upper limit for one request, 15 s if unset. When raising it, raise it on every node and route along the call path.";
const DURATION_IDLE = "How long a connection may stay idle before the proxy closes it. No idle limit unless set.";

const RETRY_PER_TRY = "Time limit for each single attempt (first try and every retry).";
const RETRY_MAX = "How many times to retry after the first attempt fails.";
const RETRY_HTTP_EVENTS =
  "HTTP failures that trigger a retry: `server-error` (5xx), `gateway-error` (502/503/504), `client-error` (409), `stream-error` (refused stream).";
const RETRY_TCP_EVENTS = "`connection-error`: retry when the upstream can't be reached before the request is handled.";

const WEIGHTED_TARGETS = "Virtual nodes that receive the matched traffic; their weights sum to at most 100.";

const MATCH_EXACT = "Value must be exactly this string.";
const MATCH_REGEX = "Value must match this regular expression.";
const MATCH_RANGE = "Value, read as a number, must lie in the range (`start` inclusive, `end` exclusive).";
const MATCH_PREFIX = "Value must begin with this string.";
const MATCH_SUFFIX = "Value must end with this string.";

const INVERT = "Set `true` to select requests that do NOT meet this condition. Defaults to `false`.";

const HC_TIMEOUT = "How long to wait for a health check reply, in milliseconds.";
const HC_INTERVAL = "Pause between two health checks, in milliseconds.";
const HC_PROTOCOL = "Protocol of the probe. With `grpc`, the app must implement the standard gRPC health service.";
const HC_PORT = "Port to probe; it must be the same as this listener's `portMapping.port`.";
const HC_PATH = "Request path for `http`/`http2` probes, e.g. `/health`. Ignored for other protocols.";
const HC_HEALTHY = "Passing probes in a row needed before the endpoint counts as healthy again.";
const HC_UNHEALTHY = "Failed probes in a row after which the endpoint is treated as unhealthy.";

const TLS_MODE = "`STRICT`: TLS only. `PERMISSIVE`: TLS and plain text both accepted (handy during migration). `DISABLED`: plain text only.";

const FILE_CHAIN = "Path, inside the proxy container, of the PEM certificate chain.";
const FILE_KEY = "Path, inside the proxy container, of the PEM private key matching the chain.";
const SDS_SECRET = "Name of the secret to ask the local SDS agent (e.g. SPIRE) for.";
const SDS_CERT_SHAPE = "Certificate delivered by a local Secret Discovery Service agent, such as SPIRE, over a Unix socket.";

const SAN_OPTIONAL = "Optional list of accepted subject alternative names on the peer's certificate.";

const POOL_MAX_CONNECTIONS = "Cap on simultaneous connections the proxy opens to the upstream hosts.";
const POOL_MAX_PENDING = "How many extra requests may wait in a queue once `maxConnections` is reached.";
const POOL_MAX_REQUESTS = "Cap on requests in flight at the same time to the upstream hosts.";

const ACCESS_LOG_PATH = "File inside the Envoy container to write to; `/dev/stdout` sends logs to the container's log driver.";
const ACCESS_LOG_FORMAT = "Optional line layout: a text pattern or JSON fields. Envoy's default layout if omitted.";

/** Descriptions of App Mesh schema shapes ("Shape") and members ("Shape.member"), written for hover and completion. */
export const DESCRIPTIONS: Readonly<Record<string, string>> = {
  // --- Logging -----------------------------------------------------------------------------
  AccessLog: "Destination of the proxy's access logs. A file is the only kind today.",
  "AccessLog.file": "Write access logs to a file (or `/dev/stdout`) in the Envoy container.",

  // --- Cloud Map discovery ----------------------------------------------------------------
  AwsCloudMapInstanceAttribute: "A key/value pair a Cloud Map instance must carry to be used as an endpoint.",
  "AwsCloudMapInstanceAttribute.key": "Name of a custom attribute set when the instance was registered in Cloud Map.",
  "AwsCloudMapInstanceAttribute.value": "Value the attribute must have for the instance to be selected.",
  AwsCloudMapServiceDiscovery: "Looks up this node's endpoints in AWS Cloud Map instead of DNS.",
  "AwsCloudMapServiceDiscovery.namespaceName": "Cloud Map namespace that contains the service, e.g. `prod.local`.",
  "AwsCloudMapServiceDiscovery.serviceName": "Cloud Map service whose registered instances are this node's endpoints.",
  "AwsCloudMapServiceDiscovery.attributes":
    "Optional filter: only instances carrying every listed attribute value are used (e.g. `version=v2`).",
  "AwsCloudMapServiceDiscovery.ipPreference": IP_PREFERENCE_NODE,

  // --- Backends and client policy ----------------------------------------------------------
  Backend: "One outbound destination of a virtual node.",
  "Backend.virtualService": "A virtual service this node sends requests to.",
  BackendDefaults: "Outbound settings that apply to all of the node's backends unless a backend sets its own.",
  "BackendDefaults.clientPolicy": "Default client policy (such as TLS origination) for every backend.",
  ClientPolicy: "How the proxy acts as a client when it calls a backend.",
  "ClientPolicy.tls": "TLS settings for outgoing connections to the backend.",
  ClientPolicyTls: "Outbound TLS: which ports use it, which client certificate to show and how to check the server.",
  "ClientPolicyTls.enforce": "Whether outbound TLS is required. `true` when left out.",
  "ClientPolicyTls.ports": "Backend ports the policy covers; leave out to cover every port.",
  "ClientPolicyTls.certificate": "Client certificate to present, for mutual TLS. File or SDS.",
  "ClientPolicyTls.validation": "How to verify the backend's certificate: trusted CAs and, optionally, accepted SANs. Required.",
  ClientTlsCertificate: "Where the client certificate for mutual TLS comes from. Pick one source.",
  "ClientTlsCertificate.file": "Certificate chain and private key stored as files in the proxy container.",
  "ClientTlsCertificate.sds": "Certificate obtained by name from a local SDS agent such as SPIRE.",

  // --- Create requests (CLI input files) ----------------------------------------------------
  CreateGatewayRouteInput: "Request body for creating a gateway route, as used by `aws appmesh create-gateway-route`.",
  "CreateGatewayRouteInput.gatewayRouteName": "Name of the new gateway route; unique within its virtual gateway.",
  "CreateGatewayRouteInput.meshName": MESH_NAME,
  "CreateGatewayRouteInput.virtualGatewayName": "Virtual gateway the route belongs to; it must already exist.",
  "CreateGatewayRouteInput.spec": "The gateway route itself: a priority and one of `httpRoute`, `http2Route` or `grpcRoute`.",
  "CreateGatewayRouteInput.tags": TAGS,
  "CreateGatewayRouteInput.clientToken": CLIENT_TOKEN,
  "CreateGatewayRouteInput.meshOwner": MESH_OWNER,

  CreateMeshInput: "Request body for creating a service mesh, as used by `aws appmesh create-mesh`.",
  "CreateMeshInput.meshName": "Name of the new mesh; unique in your account and Region.",
  "CreateMeshInput.spec": "Optional mesh-wide settings: egress filter and IP preference.",
  "CreateMeshInput.tags": TAGS,
  "CreateMeshInput.clientToken": CLIENT_TOKEN,

  CreateRouteInput: "Request body for creating a route on a virtual router, as used by `aws appmesh create-route`.",
  "CreateRouteInput.routeName": "Name of the new route; unique within its virtual router.",
  "CreateRouteInput.meshName": MESH_NAME,
  "CreateRouteInput.virtualRouterName": "Virtual router the route belongs to; it must already exist.",
  "CreateRouteInput.spec": "The route itself: a priority and one of `httpRoute`, `http2Route`, `grpcRoute` or `tcpRoute`.",
  "CreateRouteInput.tags": TAGS,
  "CreateRouteInput.clientToken": CLIENT_TOKEN,
  "CreateRouteInput.meshOwner": MESH_OWNER,

  CreateVirtualGatewayInput: "Request body for creating a virtual gateway, as used by `aws appmesh create-virtual-gateway`.",
  "CreateVirtualGatewayInput.virtualGatewayName": "Name of the new virtual gateway; unique within the mesh.",
  "CreateVirtualGatewayInput.meshName": MESH_NAME,
  "CreateVirtualGatewayInput.spec": "The gateway itself: listeners, optional backend defaults and logging.",
  "CreateVirtualGatewayInput.tags": TAGS,
  "CreateVirtualGatewayInput.clientToken": CLIENT_TOKEN,
  "CreateVirtualGatewayInput.meshOwner": MESH_OWNER,

  CreateVirtualNodeInput: "Request body for creating a virtual node, as used by `aws appmesh create-virtual-node`.",
  "CreateVirtualNodeInput.virtualNodeName": "Name of the new virtual node; unique within the mesh.",
  "CreateVirtualNodeInput.meshName": MESH_NAME,
  "CreateVirtualNodeInput.spec": "The node itself: service discovery, listeners, backends, backend defaults and logging.",
  "CreateVirtualNodeInput.tags": TAGS,
  "CreateVirtualNodeInput.clientToken": CLIENT_TOKEN,
  "CreateVirtualNodeInput.meshOwner": MESH_OWNER,

  CreateVirtualRouterInput: "Request body for creating a virtual router, as used by `aws appmesh create-virtual-router`.",
  "CreateVirtualRouterInput.virtualRouterName": "Name of the new virtual router; unique within the mesh.",
  "CreateVirtualRouterInput.meshName": MESH_NAME,
  "CreateVirtualRouterInput.spec": "The router itself: the listener ports and protocols its routes serve.",
  "CreateVirtualRouterInput.tags": TAGS,
  "CreateVirtualRouterInput.clientToken": CLIENT_TOKEN,
  "CreateVirtualRouterInput.meshOwner": MESH_OWNER,

  CreateVirtualServiceInput: "Request body for creating a virtual service, as used by `aws appmesh create-virtual-service`.",
  "CreateVirtualServiceInput.virtualServiceName":
    "Name of the virtual service, normally the DNS name callers use, e.g. `orders.prod.svc.cluster.local`.",
  "CreateVirtualServiceInput.meshName": MESH_NAME,
  "CreateVirtualServiceInput.spec": "The service itself: which virtual node or virtual router answers for it.",
  "CreateVirtualServiceInput.tags": TAGS,
  "CreateVirtualServiceInput.clientToken": CLIENT_TOKEN,
  "CreateVirtualServiceInput.meshOwner": MESH_OWNER,

  // --- Enumerations --------------------------------------------------------------------------
  DefaultGatewayRouteRewrite:
    "`ENABLED` applies the gateway's built-in rewrite; `DISABLED` forwards the incoming value as it arrived.",
  DnsResponseType:
    "`LOADBALANCER` (default) uses one resolved address, suited to a load balancer name; `ENDPOINTS` spreads traffic over every returned IP.",
  DurationUnit: "Unit of a duration: `s` for seconds, `ms` for milliseconds.",
  EgressFilterType:
    "`DROP_ALL` (default) keeps traffic inside the mesh plus AWS APIs; `ALLOW_ALL` also lets it reach any outside address.",
  GrpcRetryPolicyEvent: "A gRPC status code that makes the route try the request again.",
  HttpMethod: "HTTP request method to match.",
  HttpScheme: "Request scheme to match: plain `http` or `https`.",
  IpPreference:
    "Which IP family the proxy uses: `*_PREFERRED` tries that family first and falls back to the other, `*_ONLY` never falls back.",
  ListenerTlsMode: TLS_MODE,
  PortProtocol:
    "Application protocol on a port. It decides which route type, timeout and connection pool apply; `tcp` gets no request-level features.",
  TcpRetryPolicyEvent: "A connection-level failure that makes the route retry.",
  VirtualGatewayListenerTlsMode: TLS_MODE,
  VirtualGatewayPortProtocol: "Protocol on a gateway port. Gateways handle HTTP, HTTP/2 and gRPC only; plain TCP isn't offered.",

  // --- DNS discovery ---------------------------------------------------------------------------
  DnsServiceDiscovery: "Finds this node's endpoints by resolving a DNS name.",
  "DnsServiceDiscovery.hostname": "DNS name that resolves to the node's instances, e.g. a Kubernetes service name.",
  "DnsServiceDiscovery.responseType": "How DNS answers are used: as a single load-balancer address or as a list of endpoints.",
  "DnsServiceDiscovery.ipPreference": IP_PREFERENCE_NODE,

  // --- Durations and mesh egress ------------------------------------------------------------
  Duration: "A span of time: a number plus its unit.",
  "Duration.value": "The amount of time, counted in `unit`.",
  "Duration.unit": "`s` (seconds) or `ms` (milliseconds).",
  EgressFilter: "Decides whether workloads in the mesh may call destinations that aren't part of it.",
  "EgressFilter.type": "`DROP_ALL` (default) blocks calls to outside addresses except AWS APIs; `ALLOW_ALL` lets them through.",
  FileAccessLog: "Access log written to a file by the node's Envoy proxy.",
  "FileAccessLog.path": ACCESS_LOG_PATH,
  "FileAccessLog.format": ACCESS_LOG_FORMAT,

  // --- Gateway routes ----------------------------------------------------------------------
  GatewayRouteHostnameMatch: "Condition on the request's host name. Set `exact` or `suffix`.",
  "GatewayRouteHostnameMatch.exact": "Host name that must match in full, e.g. `api.example.com`.",
  "GatewayRouteHostnameMatch.suffix": "Ending the host name must have, e.g. `.example.com`.",
  GatewayRouteHostnameRewrite: "Controls what Host header the gateway sends to the target.",
  "GatewayRouteHostnameRewrite.defaultTargetHostname":
    "`ENABLED` (default) sets the Host header to the target virtual service's name; `DISABLED` keeps the client's value.",
  GatewayRouteSpec: "A gateway route: priority plus exactly one route type, which must fit the gateway listener's protocol.",
  "GatewayRouteSpec.priority": "Evaluation order among this gateway's routes; lower numbers go first, 0 is the first.",
  "GatewayRouteSpec.httpRoute": "Route HTTP/1.1 requests entering the gateway.",
  "GatewayRouteSpec.http2Route": "Route HTTP/2 requests entering the gateway.",
  "GatewayRouteSpec.grpcRoute": "Route gRPC requests entering the gateway.",
  GatewayRouteTarget: "Where the gateway forwards a matched request.",
  "GatewayRouteTarget.virtualService": "Virtual service inside the mesh that receives the request.",
  "GatewayRouteTarget.port": "Listener port on the service's provider. Required when that provider has more than one listener.",
  GatewayRouteVirtualService: "Reference to the virtual service a gateway route sends traffic to.",
  "GatewayRouteVirtualService.virtualServiceName": "Name of an existing virtual service in the same mesh.",

  GrpcGatewayRoute: "Gateway route for gRPC: what to match and where to send it.",
  "GrpcGatewayRoute.match": "Conditions a gRPC request must meet to use this route.",
  "GrpcGatewayRoute.action": "Target virtual service and optional rewrites for matched requests.",
  GrpcGatewayRouteAction: "What the gateway does with a matched gRPC request.",
  "GrpcGatewayRouteAction.target": "Virtual service (and optionally port) to forward to.",
  "GrpcGatewayRouteAction.rewrite": "Optional Host header rewrite before forwarding.",
  GrpcGatewayRouteMatch: "Conditions on a gRPC request arriving at the gateway; all set fields must match.",
  "GrpcGatewayRouteMatch.serviceName": "Fully qualified gRPC service to match, e.g. `shop.v1.OrderService`.",
  "GrpcGatewayRouteMatch.hostname": "Host name condition (exact or suffix).",
  "GrpcGatewayRouteMatch.metadata": "gRPC metadata conditions; every entry listed must match.",
  "GrpcGatewayRouteMatch.port": "Gateway listener port to match; useful when the gateway has several listeners.",
  GrpcGatewayRouteMetadata: "One condition on a gRPC metadata entry.",
  "GrpcGatewayRouteMetadata.name": "Metadata key to look at.",
  "GrpcGatewayRouteMetadata.invert": INVERT,
  "GrpcGatewayRouteMetadata.match": "How the metadata value is compared (one method per entry).",
  GrpcGatewayRouteRewrite: "Changes made to a gRPC request before the gateway forwards it.",
  "GrpcGatewayRouteRewrite.hostname": "Whether the Host header becomes the target service's name.",
  GrpcMetadataMatchMethod: "Comparison applied to a gRPC metadata value. Pick exactly one.",
  "GrpcMetadataMatchMethod.exact": MATCH_EXACT,
  "GrpcMetadataMatchMethod.regex": MATCH_REGEX,
  "GrpcMetadataMatchMethod.range": MATCH_RANGE,
  "GrpcMetadataMatchMethod.prefix": MATCH_PREFIX,
  "GrpcMetadataMatchMethod.suffix": MATCH_SUFFIX,

  // --- gRPC routes ---------------------------------------------------------------------------
  GrpcRetryPolicy:
    "Automatic retries for gRPC calls: attempt count, per-attempt limit and triggering failures. List at least one kind of event.",
  "GrpcRetryPolicy.perRetryTimeout": RETRY_PER_TRY,
  "GrpcRetryPolicy.maxRetries": RETRY_MAX,
  "GrpcRetryPolicy.httpRetryEvents": RETRY_HTTP_EVENTS,
  "GrpcRetryPolicy.tcpRetryEvents": RETRY_TCP_EVENTS,
  "GrpcRetryPolicy.grpcRetryEvents": "gRPC status codes that trigger a retry, e.g. `unavailable` or `deadline-exceeded`.",
  GrpcRoute: "Router route for gRPC traffic. The router listener and target node listeners must use `grpc`.",
  "GrpcRoute.action": "Weighted virtual nodes that receive matched calls.",
  "GrpcRoute.match": "Service, method, metadata and port conditions that select calls.",
  "GrpcRoute.retryPolicy": "Optional automatic retries for failed calls.",
  "GrpcRoute.timeout": "Optional per-request and idle timeouts; keep them in line with the nodes' listener timeouts.",
  GrpcRouteAction: "How matched gRPC calls are split across virtual nodes.",
  "GrpcRouteAction.weightedTargets": WEIGHTED_TARGETS,
  GrpcRouteMatch: "Conditions a gRPC call must meet to use this route; all set fields must match.",
  "GrpcRouteMatch.serviceName": "Fully qualified gRPC service to match, e.g. `shop.v1.OrderService`.",
  "GrpcRouteMatch.methodName": "gRPC method to match, e.g. `GetOrder`. Only valid together with `serviceName`.",
  "GrpcRouteMatch.metadata": "gRPC metadata conditions; every entry listed must match.",
  "GrpcRouteMatch.port": "Router listener port to match; picks the listener when the router has several.",
  GrpcRouteMetadata: "One condition on a gRPC metadata entry.",
  "GrpcRouteMetadata.name": "Metadata key to look at.",
  "GrpcRouteMetadata.invert": INVERT,
  "GrpcRouteMetadata.match": "How the metadata value is compared (one method per entry).",
  GrpcRouteMetadataMatchMethod: "Comparison applied to a gRPC metadata value. Pick exactly one.",
  "GrpcRouteMetadataMatchMethod.exact": MATCH_EXACT,
  "GrpcRouteMetadataMatchMethod.regex": MATCH_REGEX,
  "GrpcRouteMetadataMatchMethod.range": MATCH_RANGE,
  "GrpcRouteMetadataMatchMethod.prefix": MATCH_PREFIX,
  "GrpcRouteMetadataMatchMethod.suffix": MATCH_SUFFIX,
  GrpcTimeout: "Timeouts for gRPC traffic.",
  "GrpcTimeout.perRequest": DURATION_PER_REQUEST,
  "GrpcTimeout.idle": DURATION_IDLE,

  // --- Headers and health checks ---------------------------------------------------------
  HeaderMatchMethod: "Comparison applied to an HTTP header value. Pick exactly one.",
  "HeaderMatchMethod.exact": MATCH_EXACT,
  "HeaderMatchMethod.regex": MATCH_REGEX,
  "HeaderMatchMethod.range": MATCH_RANGE,
  "HeaderMatchMethod.prefix": MATCH_PREFIX,
  "HeaderMatchMethod.suffix": MATCH_SUFFIX,
  HealthCheckPolicy: "Active health probe for the endpoints behind a virtual node listener.",
  "HealthCheckPolicy.timeoutMillis": HC_TIMEOUT,
  "HealthCheckPolicy.intervalMillis": HC_INTERVAL,
  "HealthCheckPolicy.protocol": HC_PROTOCOL,
  "HealthCheckPolicy.port": HC_PORT,
  "HealthCheckPolicy.path": HC_PATH,
  "HealthCheckPolicy.healthyThreshold": HC_HEALTHY,
  "HealthCheckPolicy.unhealthyThreshold": HC_UNHEALTHY,

  // --- HTTP gateway routes ---------------------------------------------------------------
  HttpGatewayRoute: "Gateway route for HTTP or HTTP/2: what to match and where to send it.",
  "HttpGatewayRoute.match": "Conditions a request must meet to use this route.",
  "HttpGatewayRoute.action": "Target virtual service and optional rewrites for matched requests.",
  HttpGatewayRouteAction: "What the gateway does with a matched HTTP request.",
  "HttpGatewayRouteAction.target": "Virtual service (and optionally port) to forward to.",
  "HttpGatewayRouteAction.rewrite": "Optional prefix, path or Host header rewrites before forwarding.",
  HttpGatewayRouteHeader: "One condition on an HTTP request header at the gateway.",
  "HttpGatewayRouteHeader.name": "Header name to look at, e.g. `x-canary`.",
  "HttpGatewayRouteHeader.invert": INVERT,
  "HttpGatewayRouteHeader.match": "How the header value is compared (one method per header).",
  HttpGatewayRouteMatch: "Conditions on an HTTP request arriving at the gateway; all set fields must match.",
  "HttpGatewayRouteMatch.prefix": "Path prefix to match. Starts with `/`; `/` alone matches every path. Use this or `path`.",
  "HttpGatewayRouteMatch.path": "Match the whole path, exactly or by regex, instead of by prefix.",
  "HttpGatewayRouteMatch.queryParameters": "Query string conditions; every parameter listed must match.",
  "HttpGatewayRouteMatch.method": "Only match requests with this HTTP method.",
  "HttpGatewayRouteMatch.hostname": "Host name condition (exact or suffix).",
  "HttpGatewayRouteMatch.headers": "Header conditions; every header listed must match.",
  "HttpGatewayRouteMatch.port": "Gateway listener port to match; useful when the gateway has several listeners.",
  HttpGatewayRoutePathRewrite: "Replaces the entire request path before forwarding.",
  "HttpGatewayRoutePathRewrite.exact": "New path to send to the target, e.g. `/v2/orders`.",
  HttpGatewayRoutePrefixRewrite: "Rewrites the matched path prefix before forwarding. Set `defaultPrefix` or `value`.",
  "HttpGatewayRoutePrefixRewrite.defaultPrefix":
    "`ENABLED` (default) replaces the matched prefix with `/`; `DISABLED` forwards the path unchanged.",
  "HttpGatewayRoutePrefixRewrite.value": "Text that replaces the matched prefix; it must start and end with `/`, e.g. `/api/`.",
  HttpGatewayRouteRewrite: "Changes made to an HTTP request before the gateway forwards it.",
  "HttpGatewayRouteRewrite.prefix": "Replace the matched path prefix.",
  "HttpGatewayRouteRewrite.path": "Replace the whole path with a fixed value.",
  "HttpGatewayRouteRewrite.hostname": "Whether the Host header becomes the target service's name.",

  // --- HTTP matching -------------------------------------------------------------------------
  HttpPathMatch: "Condition on the full request path. Set `exact` or `regex`.",
  "HttpPathMatch.exact": "Path that must match in full, e.g. `/orders`.",
  "HttpPathMatch.regex": "Regular expression the whole path must match.",
  HttpQueryParameter: "One condition on a query string parameter.",
  "HttpQueryParameter.name": "Query parameter name, e.g. `version`.",
  "HttpQueryParameter.match": "Value the parameter must have.",

  // --- HTTP routes -------------------------------------------------------------------------
  HttpRetryPolicy:
    "Automatic retries for HTTP requests: attempt count, per-attempt limit and triggering failures. List at least one kind of event.",
  "HttpRetryPolicy.perRetryTimeout": RETRY_PER_TRY,
  "HttpRetryPolicy.maxRetries": RETRY_MAX,
  "HttpRetryPolicy.httpRetryEvents": RETRY_HTTP_EVENTS,
  "HttpRetryPolicy.tcpRetryEvents": RETRY_TCP_EVENTS,
  HttpRoute: "Router route for HTTP or HTTP/2 traffic. Its protocol must match the router listener and the target node listeners.",
  "HttpRoute.match": "Path, method, scheme, header, query and port conditions that select requests.",
  "HttpRoute.action": "Weighted virtual nodes that receive matched requests.",
  "HttpRoute.retryPolicy": "Optional automatic retries for failed requests.",
  "HttpRoute.timeout": "Optional per-request and idle timeouts; keep them in line with the nodes' listener timeouts.",
  HttpRouteAction: "How matched HTTP requests are split across virtual nodes.",
  "HttpRouteAction.weightedTargets": WEIGHTED_TARGETS,
  HttpRouteHeader: "One condition on an HTTP request header.",
  "HttpRouteHeader.name": "Header name to look at, e.g. `x-canary`.",
  "HttpRouteHeader.invert": INVERT,
  "HttpRouteHeader.match": "How the header value is compared (one method per header).",
  HttpRouteMatch: "Conditions an HTTP request must meet to use this route; all set fields must match.",
  "HttpRouteMatch.prefix": "Path prefix to match. Starts with `/`; `/` alone matches every path. Use this or `path`.",
  "HttpRouteMatch.path": "Match the whole path, exactly or by regex, instead of by prefix.",
  "HttpRouteMatch.queryParameters": "Query string conditions; every parameter listed must match.",
  "HttpRouteMatch.method": "Only match requests with this HTTP method.",
  "HttpRouteMatch.scheme": "Only match requests made over this scheme.",
  "HttpRouteMatch.headers": "Header conditions; every header listed must match.",
  "HttpRouteMatch.port": "Router listener port to match; picks the listener when the router has several.",
  HttpTimeout: "Timeouts for HTTP and HTTP/2 traffic.",
  "HttpTimeout.perRequest": DURATION_PER_REQUEST,
  "HttpTimeout.idle": DURATION_IDLE,

  // --- JSON log format -----------------------------------------------------------------------
  JsonFormatRef: "One field of a JSON access log entry.",
  "JsonFormatRef.key": "Field name in the JSON entry, e.g. `status`.",
  "JsonFormatRef.value": "Envoy format operator that fills the field, e.g. `%RESPONSE_CODE%`.",

  // --- Virtual node listeners ----------------------------------------------------------------
  Listener:
    "Inbound port of a virtual node, with optional TLS, health check, timeouts, outlier detection and limits. Needs `serviceDiscovery` on the node.",
  "Listener.portMapping": "Port and protocol on which the node accepts traffic.",
  "Listener.tls": "Terminate TLS on inbound connections.",
  "Listener.healthCheck": "Optional active health probe; its port must equal this listener's port.",
  "Listener.timeout": "Inbound timeouts; fill in the entry that matches the listener protocol.",
  "Listener.outlierDetection": "Take endpoints out of rotation for a while when they keep failing with server errors.",
  "Listener.connectionPool": "Limits on concurrent connections or requests; pick the kind matching the listener protocol.",
  ListenerTimeout: "Timeouts for a listener. Set exactly one entry, the one matching the listener's protocol.",
  "ListenerTimeout.tcp": "Timeouts for a `tcp` listener.",
  "ListenerTimeout.http": "Timeouts for an `http` listener.",
  "ListenerTimeout.http2": "Timeouts for an `http2` listener.",
  "ListenerTimeout.grpc": "Timeouts for a `grpc` listener.",
  ListenerTls: "TLS for connections arriving at a virtual node listener.",
  "ListenerTls.mode": TLS_MODE,
  "ListenerTls.certificate": "Server certificate the listener presents. Exactly one source: ACM, file or SDS.",
  "ListenerTls.validation": "Optional check of client certificates, which turns on mutual TLS.",
  ListenerTlsAcmCertificate: "Server certificate managed in AWS Certificate Manager (private CA).",
  "ListenerTlsAcmCertificate.certificateArn": "ARN of the ACM certificate; the proxy needs permission to export it.",
  ListenerTlsCertificate: "Source of a listener's server certificate. Pick exactly one.",
  "ListenerTlsCertificate.acm": "Use a certificate from AWS Certificate Manager.",
  "ListenerTlsCertificate.file": "Use a certificate chain and key stored as files in the proxy container.",
  "ListenerTlsCertificate.sds": "Use a certificate served by a local SDS agent such as SPIRE.",
  ListenerTlsFileCertificate: "Certificate and private key read from files in the proxy container.",
  "ListenerTlsFileCertificate.certificateChain": FILE_CHAIN,
  "ListenerTlsFileCertificate.privateKey": FILE_KEY,
  ListenerTlsSdsCertificate: SDS_CERT_SHAPE,
  "ListenerTlsSdsCertificate.secretName": SDS_SECRET,
  ListenerTlsValidationContext: "How a listener checks the certificates clients present (mutual TLS).",
  "ListenerTlsValidationContext.trust": "CA bundle trusted for client certificates, from a file or SDS.",
  "ListenerTlsValidationContext.subjectAlternativeNames": `${SAN_OPTIONAL} If omitted, client SANs aren't checked.`,
  ListenerTlsValidationContextTrust: "Where the listener gets the CAs it trusts for client certificates. Pick one.",
  "ListenerTlsValidationContextTrust.file": "Trusted CA bundle stored as a file in the proxy container.",
  "ListenerTlsValidationContextTrust.sds": "Trusted CA bundle served by a local SDS agent.",

  // --- Logging formats and ranges ------------------------------------------------------------
  Logging: "Access logging for a virtual node.",
  "Logging.accessLog": "Where the node's proxy writes its access log.",
  LoggingFormat: "Layout of access log lines: a text pattern or JSON. Pick one.",
  "LoggingFormat.text": "Envoy format string, e.g. `[%START_TIME%] %REQ(:METHOD)% %RESPONSE_CODE%\\n`.",
  "LoggingFormat.json": "List of key/value pairs; each value is an Envoy format operator.",
  MatchRange: "A numeric range: `start` is included, `end` is not (1–100 matches 1 to 99).",
  "MatchRange.start": "Lowest value that matches.",
  "MatchRange.end": "First value above the range; it does not match itself.",

  // --- Mesh ------------------------------------------------------------------------------------
  MeshServiceDiscovery: "Mesh-wide service discovery defaults.",
  "MeshServiceDiscovery.ipPreference": "Default IP family for traffic in the mesh; individual nodes may override it.",
  MeshSpec: "Mesh-wide settings.",
  "MeshSpec.egressFilter": "Whether workloads may reach addresses outside the mesh; `DROP_ALL` unless set.",
  "MeshSpec.serviceDiscovery": "Mesh-wide IP family preference.",

  // --- Outlier detection and ports -------------------------------------------------------
  OutlierDetection: "Ejects endpoints that keep returning server errors for a while, then lets them back in.",
  "OutlierDetection.maxServerErrors": "Consecutive 5xx responses after which an endpoint is ejected.",
  "OutlierDetection.interval": "How often endpoints are checked for ejection.",
  "OutlierDetection.baseEjectionDuration": "Base time an ejected endpoint stays out; repeat offenders stay out longer.",
  "OutlierDetection.maxEjectionPercent":
    "Highest share of endpoints that may be ejected at once; one endpoint can always be ejected regardless.",
  PortMapping: "A port number with the protocol spoken on it.",
  "PortMapping.port": "Port number the traffic arrives on.",
  "PortMapping.protocol": "Protocol on the port; routes and health checks must agree with it.",
  QueryParameterMatch: "Condition on a query parameter's value.",
  "QueryParameterMatch.exact": "The parameter must have exactly this value.",

  // --- Routes ----------------------------------------------------------------------------------
  RouteSpec: "A route on a virtual router: priority plus exactly one of `httpRoute`, `http2Route`, `grpcRoute`, `tcpRoute`.",
  "RouteSpec.priority": "Evaluation order among the router's routes; lower numbers go first, 0 is the first.",
  "RouteSpec.httpRoute": "Route HTTP/1.1 traffic; the router listener must be `http`.",
  "RouteSpec.tcpRoute": "Route raw TCP connections; the router listener must be `tcp`.",
  "RouteSpec.http2Route": "Route HTTP/2 traffic; the router listener must be `http2`.",
  "RouteSpec.grpcRoute": "Route gRPC calls; the router listener must be `grpc`.",

  // --- Service discovery and SANs ------------------------------------------------------------
  ServiceDiscovery: "How callers find this node's endpoints: DNS or Cloud Map. Pick one; required when the node has listeners.",
  "ServiceDiscovery.dns": "Resolve a DNS name to get the endpoints.",
  "ServiceDiscovery.awsCloudMap": "Query AWS Cloud Map for registered instances.",
  SubjectAlternativeNameMatchers: "Ways to compare a certificate's subject alternative names.",
  "SubjectAlternativeNameMatchers.exact": "Accepted SANs; the peer's certificate must carry one of them exactly.",
  SubjectAlternativeNames: "Limits which peers are trusted by the subject alternative names on their certificates.",
  "SubjectAlternativeNames.match": "The SAN values to accept.",

  // --- Tags ------------------------------------------------------------------------------------
  TagRef: "A key/value label on a resource.",
  "TagRef.key": "Tag name, e.g. `team`.",
  "TagRef.value": "Tag value; may be empty.",

  // --- TCP routes ------------------------------------------------------------------------------
  TcpRoute: "Router route for raw TCP connections. No request-level matching; traffic is split by weight only.",
  "TcpRoute.action": "Weighted virtual nodes that receive the connections.",
  "TcpRoute.timeout": "Optional idle timeout for the connections.",
  "TcpRoute.match": "Optional listener port condition for routers with several listeners.",
  TcpRouteAction: "How TCP connections are split across virtual nodes.",
  "TcpRouteAction.weightedTargets": WEIGHTED_TARGETS,
  TcpRouteMatch: "Condition for a TCP route.",
  "TcpRouteMatch.port": "Router listener port to match; picks the listener when the router has several.",
  TcpTimeout: "Timeouts for TCP traffic.",
  "TcpTimeout.idle": DURATION_IDLE,

  // --- Outbound TLS validation -----------------------------------------------------------------
  TlsValidationContext: "How the proxy checks a backend's server certificate.",
  "TlsValidationContext.trust": "CAs to trust: ACM Private CA ARNs, a file, or SDS.",
  "TlsValidationContext.subjectAlternativeNames":
    `${SAN_OPTIONAL} Unset: the cert must name the backend's discovery host. Set it for SPIFFE IDs.`,
  TlsValidationContextAcmTrust: "Trust certificates issued by AWS Certificate Manager Private CA.",
  "TlsValidationContextAcmTrust.certificateAuthorityArns": "ARNs of the private certificate authorities to trust (up to 3).",
  TlsValidationContextFileTrust: "Trust a CA bundle stored as a file in the proxy container.",
  "TlsValidationContextFileTrust.certificateChain": "Path, inside the proxy container, of the PEM bundle of trusted CAs.",
  TlsValidationContextSdsTrust: "Trust a CA bundle served by a local SDS agent.",
  "TlsValidationContextSdsTrust.secretName": SDS_SECRET,
  TlsValidationContextTrust: "Where the trusted CAs come from. Pick exactly one.",
  "TlsValidationContextTrust.acm": "Trust one or more ACM Private CA authorities.",
  "TlsValidationContextTrust.file": "Trust a CA bundle from a file in the proxy container.",
  "TlsValidationContextTrust.sds": "Trust a CA bundle served by a local SDS agent.",

  // --- Virtual gateways ------------------------------------------------------------------------
  VirtualGatewayAccessLog: "Destination of the gateway proxy's access logs. A file is the only kind today.",
  "VirtualGatewayAccessLog.file": "Write access logs to a file (or `/dev/stdout`) in the gateway's Envoy container.",
  VirtualGatewayBackendDefaults: "Outbound settings the gateway uses for every virtual service it forwards to.",
  "VirtualGatewayBackendDefaults.clientPolicy": "Default client policy, such as TLS origination, toward backends.",
  VirtualGatewayClientPolicy: "How the gateway acts as a client toward services in the mesh.",
  "VirtualGatewayClientPolicy.tls": "TLS settings for the gateway's outgoing connections.",
  VirtualGatewayClientPolicyTls: "Outbound TLS from the gateway: covered ports, client certificate and server checks.",
  "VirtualGatewayClientPolicyTls.enforce": "Whether outbound TLS is required. `true` when left out.",
  "VirtualGatewayClientPolicyTls.ports": "Backend ports the policy covers; leave out to cover every port.",
  "VirtualGatewayClientPolicyTls.certificate": "Client certificate to present, for mutual TLS. File or SDS.",
  "VirtualGatewayClientPolicyTls.validation": "How to verify backend certificates: trusted CAs and, optionally, accepted SANs. Required.",
  VirtualGatewayClientTlsCertificate: "Where the gateway's client certificate comes from. Pick one source.",
  "VirtualGatewayClientTlsCertificate.file": "Certificate chain and private key stored as files in the gateway container.",
  "VirtualGatewayClientTlsCertificate.sds": "Certificate obtained by name from a local SDS agent such as SPIRE.",
  VirtualGatewayConnectionPool: "Connection or request limits on a gateway listener. Pick the kind matching its protocol.",
  "VirtualGatewayConnectionPool.http": "Limits for an `http` listener.",
  "VirtualGatewayConnectionPool.http2": "Limits for an `http2` listener.",
  "VirtualGatewayConnectionPool.grpc": "Limits for a `grpc` listener.",
  VirtualGatewayFileAccessLog: "Access log written to a file by the gateway's Envoy proxy.",
  "VirtualGatewayFileAccessLog.path": ACCESS_LOG_PATH,
  "VirtualGatewayFileAccessLog.format": ACCESS_LOG_FORMAT,
  VirtualGatewayGrpcConnectionPool: "Request limit for a gRPC gateway listener.",
  "VirtualGatewayGrpcConnectionPool.maxRequests": POOL_MAX_REQUESTS,
  VirtualGatewayHealthCheckPolicy: "Active health probe for a virtual gateway listener.",
  "VirtualGatewayHealthCheckPolicy.timeoutMillis": HC_TIMEOUT,
  "VirtualGatewayHealthCheckPolicy.intervalMillis": HC_INTERVAL,
  "VirtualGatewayHealthCheckPolicy.protocol": HC_PROTOCOL,
  "VirtualGatewayHealthCheckPolicy.port": HC_PORT,
  "VirtualGatewayHealthCheckPolicy.path": HC_PATH,
  "VirtualGatewayHealthCheckPolicy.healthyThreshold": HC_HEALTHY,
  "VirtualGatewayHealthCheckPolicy.unhealthyThreshold": HC_UNHEALTHY,
  VirtualGatewayHttp2ConnectionPool: "Request limit for an HTTP/2 gateway listener.",
  "VirtualGatewayHttp2ConnectionPool.maxRequests": POOL_MAX_REQUESTS,
  VirtualGatewayHttpConnectionPool: "Connection and queue limits for an HTTP gateway listener.",
  "VirtualGatewayHttpConnectionPool.maxConnections": POOL_MAX_CONNECTIONS,
  "VirtualGatewayHttpConnectionPool.maxPendingRequests": POOL_MAX_PENDING,
  VirtualGatewayListener: "Inbound port of a virtual gateway (HTTP, HTTP/2 or gRPC), with optional TLS, health check and limits.",
  "VirtualGatewayListener.healthCheck": "Optional active health probe; its port must equal this listener's port.",
  "VirtualGatewayListener.portMapping": "Port and protocol on which the gateway accepts traffic.",
  "VirtualGatewayListener.tls": "Terminate TLS on connections arriving at the gateway.",
  "VirtualGatewayListener.connectionPool": "Limits on concurrent connections or requests; pick the kind matching the protocol.",
  VirtualGatewayListenerTls: "TLS for connections arriving at a virtual gateway listener.",
  "VirtualGatewayListenerTls.mode": TLS_MODE,
  "VirtualGatewayListenerTls.validation": "Optional check of client certificates, which turns on mutual TLS.",
  "VirtualGatewayListenerTls.certificate": "Server certificate the gateway presents. Exactly one source: ACM, file or SDS.",
  VirtualGatewayListenerTlsAcmCertificate: "Gateway server certificate managed in AWS Certificate Manager (private CA).",
  "VirtualGatewayListenerTlsAcmCertificate.certificateArn": "ARN of the ACM certificate; the proxy needs permission to export it.",
  VirtualGatewayListenerTlsCertificate: "Source of the gateway listener's server certificate. Pick exactly one.",
  "VirtualGatewayListenerTlsCertificate.acm": "Use a certificate from AWS Certificate Manager.",
  "VirtualGatewayListenerTlsCertificate.file": "Use a certificate chain and key stored as files in the gateway container.",
  "VirtualGatewayListenerTlsCertificate.sds": "Use a certificate served by a local SDS agent such as SPIRE.",
  VirtualGatewayListenerTlsFileCertificate: "Certificate and private key read from files in the gateway container.",
  "VirtualGatewayListenerTlsFileCertificate.certificateChain": FILE_CHAIN,
  "VirtualGatewayListenerTlsFileCertificate.privateKey": FILE_KEY,
  VirtualGatewayListenerTlsSdsCertificate: SDS_CERT_SHAPE,
  "VirtualGatewayListenerTlsSdsCertificate.secretName": SDS_SECRET,
  VirtualGatewayListenerTlsValidationContext: "How the gateway checks certificates presented by its clients (mutual TLS).",
  "VirtualGatewayListenerTlsValidationContext.trust": "CA bundle trusted for client certificates, from a file or SDS.",
  "VirtualGatewayListenerTlsValidationContext.subjectAlternativeNames": `${SAN_OPTIONAL} If omitted, client SANs aren't checked.`,
  VirtualGatewayListenerTlsValidationContextTrust: "Where the gateway gets the CAs it trusts for client certificates. Pick one.",
  "VirtualGatewayListenerTlsValidationContextTrust.file": "Trusted CA bundle stored as a file in the gateway container.",
  "VirtualGatewayListenerTlsValidationContextTrust.sds": "Trusted CA bundle served by a local SDS agent.",
  VirtualGatewayLogging: "Access logging for a virtual gateway.",
  "VirtualGatewayLogging.accessLog": "Where the gateway's proxy writes its access log.",
  VirtualGatewayPortMapping: "A gateway port number with the protocol spoken on it.",
  "VirtualGatewayPortMapping.port": "Port number clients connect to on the gateway.",
  "VirtualGatewayPortMapping.protocol": "Protocol on the port; gateway routes must use the matching route type.",
  VirtualGatewaySpec: "A virtual gateway: an ingress Envoy that lets clients outside the mesh reach virtual services.",
  "VirtualGatewaySpec.backendDefaults": "Outbound settings, such as TLS, for traffic the gateway forwards into the mesh.",
  "VirtualGatewaySpec.listeners": "Ports and protocols the gateway accepts traffic on. Required.",
  "VirtualGatewaySpec.logging": "Access logging for the gateway's proxy.",
  VirtualGatewayTlsValidationContext: "How the gateway checks the server certificates of services it forwards to.",
  "VirtualGatewayTlsValidationContext.trust": "CAs to trust: ACM Private CA ARNs, a file, or SDS.",
  "VirtualGatewayTlsValidationContext.subjectAlternativeNames":
    `${SAN_OPTIONAL} If omitted, the certificate must name the backend's service discovery host.`,
  VirtualGatewayTlsValidationContextAcmTrust: "Trust certificates issued by AWS Certificate Manager Private CA.",
  "VirtualGatewayTlsValidationContextAcmTrust.certificateAuthorityArns": "ARNs of the private certificate authorities to trust (up to 3).",
  VirtualGatewayTlsValidationContextFileTrust: "Trust a CA bundle stored as a file in the gateway container.",
  "VirtualGatewayTlsValidationContextFileTrust.certificateChain": "Path, inside the gateway container, of the PEM bundle of trusted CAs.",
  VirtualGatewayTlsValidationContextSdsTrust: "Trust a CA bundle served by a local SDS agent.",
  "VirtualGatewayTlsValidationContextSdsTrust.secretName": SDS_SECRET,
  VirtualGatewayTlsValidationContextTrust: "Where the gateway's trusted CAs come from. Pick exactly one.",
  "VirtualGatewayTlsValidationContextTrust.acm": "Trust one or more ACM Private CA authorities.",
  "VirtualGatewayTlsValidationContextTrust.file": "Trust a CA bundle from a file in the gateway container.",
  "VirtualGatewayTlsValidationContextTrust.sds": "Trust a CA bundle served by a local SDS agent.",

  // --- Virtual nodes ---------------------------------------------------------------------------
  VirtualNodeConnectionPool: "Connection or request limits on a node listener. Pick the kind matching its protocol.",
  "VirtualNodeConnectionPool.tcp": "Limits for a `tcp` listener.",
  "VirtualNodeConnectionPool.http": "Limits for an `http` listener.",
  "VirtualNodeConnectionPool.http2": "Limits for an `http2` listener.",
  "VirtualNodeConnectionPool.grpc": "Limits for a `grpc` listener.",
  VirtualNodeGrpcConnectionPool: "Request limit for a gRPC node listener.",
  "VirtualNodeGrpcConnectionPool.maxRequests": POOL_MAX_REQUESTS,
  VirtualNodeHttp2ConnectionPool: "Request limit for an HTTP/2 node listener.",
  "VirtualNodeHttp2ConnectionPool.maxRequests": POOL_MAX_REQUESTS,
  VirtualNodeHttpConnectionPool: "Connection and queue limits for an HTTP node listener.",
  "VirtualNodeHttpConnectionPool.maxConnections": POOL_MAX_CONNECTIONS,
  "VirtualNodeHttpConnectionPool.maxPendingRequests": POOL_MAX_PENDING,
  VirtualNodeServiceProvider: "Serve a virtual service straight from one virtual node, without a router.",
  "VirtualNodeServiceProvider.virtualNodeName": "Virtual node (same mesh) that receives this service's requests.",
  VirtualNodeSpec: "A virtual node: the mesh's stand-in for one deployed workload, such as an ECS service or Kubernetes deployment.",
  "VirtualNodeSpec.serviceDiscovery": "How callers find this node's instances. Needed when listeners are set; omit for call-out-only nodes.",
  "VirtualNodeSpec.listeners": "Inbound ports the node receives traffic on. Each requires `serviceDiscovery`.",
  "VirtualNodeSpec.backends": "Virtual services this node calls; the proxy only routes to services listed here.",
  "VirtualNodeSpec.backendDefaults": "Client policy applied to all backends unless a backend overrides it.",
  "VirtualNodeSpec.logging": "Access logging for the node's proxy.",
  VirtualNodeTcpConnectionPool: "Connection limit for a TCP node listener.",
  "VirtualNodeTcpConnectionPool.maxConnections": POOL_MAX_CONNECTIONS,

  // --- Virtual routers and services ----------------------------------------------------------
  VirtualRouterListener: "Port and protocol the router accepts; its routes must use the same protocol.",
  "VirtualRouterListener.portMapping": "Port number and protocol of this router listener.",
  VirtualRouterServiceProvider: "Serve a virtual service through a virtual router, so its routes can split traffic.",
  "VirtualRouterServiceProvider.virtualRouterName": "Virtual router (same mesh) that receives this service's requests.",
  VirtualRouterSpec: "A virtual router: receives a virtual service's traffic and hands it to nodes according to its routes.",
  "VirtualRouterSpec.listeners": "Ports and protocols the router accepts; each route's type must match one of them.",
  VirtualServiceBackend: "A virtual service used as a backend, with an optional client policy of its own.",
  "VirtualServiceBackend.virtualServiceName": "Virtual service this node calls, e.g. `orders.prod.local`.",
  "VirtualServiceBackend.clientPolicy": "Client policy for this backend only; replaces the node's `backendDefaults`.",
  VirtualServiceProvider: "What answers for a virtual service: one virtual node or a virtual router. Pick exactly one.",
  "VirtualServiceProvider.virtualNode": "Send the service's traffic directly to a single virtual node.",
  "VirtualServiceProvider.virtualRouter": "Send the service's traffic to a virtual router, which applies its routes.",
  VirtualServiceSpec: "A virtual service: an abstract name that callers use, backed by a node or a router.",
  "VirtualServiceSpec.provider": "Where this service's requests go: one virtual node, or a virtual router and its routes.",

  // --- Weighted targets ------------------------------------------------------------------------
  WeightedTarget: "A virtual node that receives a share of a route's traffic.",
  "WeightedTarget.virtualNode": "Virtual node that receives this share of the traffic.",
  "WeightedTarget.weight": "Relative share of traffic; weights on one route sum to at most 100 (e.g. 90 and 10 for a canary).",
  "WeightedTarget.port": "Node listener port to send to; needed when the node has several listeners.",
};
