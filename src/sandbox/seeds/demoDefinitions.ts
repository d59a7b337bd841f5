// The `demo` seed's definitions, in the API's shape (as `aws appmesh create-… --cli-input-yaml`
// files would hold them): a gateway with routes, services provided by routers and nodes, a 90/10
// canary split, backends, Cloud Map and DNS discovery, TLS, retries, timeouts and health checks.
// Plus a second, small mesh.
export const DEMO_DEFINITIONS = `
meshName: demo
spec:
  egressFilter: { type: ALLOW_ALL }
tags: [{ key: team, value: storefront }]
---
meshName: demo
virtualNodeName: front
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
      healthCheck: { protocol: http, path: /health, healthyThreshold: 2, unhealthyThreshold: 3, timeoutMillis: 2000, intervalMillis: 5000 }
      timeout: { http: { perRequest: { value: 15, unit: s } } }
  serviceDiscovery:
    dns: { hostname: front.demo.svc.cluster.local }
  backends:
    - virtualService: { virtualServiceName: color.demo.local }
    - virtualService:
        virtualServiceName: catalog.demo.local
        clientPolicy:
          tls:
            validation:
              trust:
                file: { certificateChain: /certs/ca.pem }
  logging:
    accessLog:
      file:
        path: /dev/stdout
        format: { json: [{ key: status, value: "%RESPONSE_CODE%" }, { key: path, value: "%REQ(:PATH)%" }] }
---
meshName: demo
virtualNodeName: color-v1
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
      healthCheck: { protocol: http, path: /ping, healthyThreshold: 2, unhealthyThreshold: 2, timeoutMillis: 2000, intervalMillis: 5000 }
      outlierDetection: { maxServerErrors: 5, maxEjectionPercent: 50, interval: { value: 10, unit: s }, baseEjectionDuration: { value: 30, unit: s } }
  serviceDiscovery:
    awsCloudMap: { namespaceName: demo.local, serviceName: color, attributes: [{ key: version, value: v1 }] }
---
meshName: demo
virtualNodeName: color-v2
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
      healthCheck: { protocol: http, path: /ping, healthyThreshold: 2, unhealthyThreshold: 2, timeoutMillis: 2000, intervalMillis: 5000 }
  serviceDiscovery:
    awsCloudMap: { namespaceName: demo.local, serviceName: color, attributes: [{ key: version, value: v2 }] }
---
meshName: demo
virtualNodeName: catalog
spec:
  listeners:
    - portMapping: { port: 9090, protocol: http2 }
      tls:
        mode: STRICT
        certificate:
          file: { certificateChain: /certs/catalog.pem, privateKey: /certs/catalog.key }
      connectionPool: { http2: { maxRequests: 512 } }
  serviceDiscovery:
    dns: { hostname: catalog.demo.svc.cluster.local, responseType: ENDPOINTS }
  backends:
    - virtualService: { virtualServiceName: inventory.demo.local }
---
meshName: demo
virtualNodeName: inventory
spec:
  listeners:
    - portMapping: { port: 50051, protocol: grpc }
      healthCheck: { protocol: grpc, healthyThreshold: 2, unhealthyThreshold: 3, timeoutMillis: 2000, intervalMillis: 10000 }
  serviceDiscovery:
    dns: { hostname: inventory.demo.svc.cluster.local }
---
meshName: demo
virtualRouterName: color-router
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
---
meshName: demo
virtualRouterName: color-router
routeName: color-canary
spec:
  priority: 10
  httpRoute:
    match: { prefix: / }
    action:
      weightedTargets:
        - { virtualNode: color-v1, weight: 90 }
        - { virtualNode: color-v2, weight: 10 }
    retryPolicy:
      maxRetries: 2
      perRetryTimeout: { value: 2, unit: s }
      httpRetryEvents: [server-error, gateway-error]
      tcpRetryEvents: [connection-error]
    timeout:
      perRequest: { value: 5, unit: s }
---
meshName: demo
virtualRouterName: inventory-router
spec:
  listeners:
    - portMapping: { port: 50051, protocol: grpc }
---
meshName: demo
virtualRouterName: inventory-router
routeName: inventory-grpc
spec:
  grpcRoute:
    match: { serviceName: inventory.Inventory }
    action:
      weightedTargets:
        - { virtualNode: inventory, weight: 100 }
    retryPolicy:
      maxRetries: 3
      perRetryTimeout: { value: 500, unit: ms }
      grpcRetryEvents: [unavailable, deadline-exceeded]
---
meshName: demo
virtualServiceName: front.demo.local
spec:
  provider:
    virtualNode: { virtualNodeName: front }
---
meshName: demo
virtualServiceName: color.demo.local
spec:
  provider:
    virtualRouter: { virtualRouterName: color-router }
---
meshName: demo
virtualServiceName: catalog.demo.local
spec:
  provider:
    virtualNode: { virtualNodeName: catalog }
---
meshName: demo
virtualServiceName: inventory.demo.local
spec:
  provider:
    virtualRouter: { virtualRouterName: inventory-router }
---
meshName: demo
virtualGatewayName: ingress-gw
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
      healthCheck: { protocol: http, path: /ready, healthyThreshold: 2, unhealthyThreshold: 2, timeoutMillis: 2000, intervalMillis: 5000 }
---
meshName: demo
virtualGatewayName: ingress-gw
gatewayRouteName: to-color
spec:
  priority: 1
  httpRoute:
    match: { prefix: /color/ }
    action:
      target: { virtualService: { virtualServiceName: color.demo.local } }
      rewrite: { prefix: { value: / } }
---
meshName: demo
virtualGatewayName: ingress-gw
gatewayRouteName: to-front
spec:
  priority: 2
  httpRoute:
    match: { prefix: / }
    action:
      target: { virtualService: { virtualServiceName: front.demo.local } }
---
meshName: payments
spec:
  egressFilter: { type: DROP_ALL }
---
meshName: payments
virtualNodeName: ledger
spec:
  listeners:
    - portMapping: { port: 8443, protocol: http }
  serviceDiscovery:
    dns: { hostname: ledger.payments.svc.cluster.local }
---
meshName: payments
virtualServiceName: ledger.payments.local
spec:
  provider:
    virtualNode: { virtualNodeName: ledger }
`;
