// Stable diagnostic codes. Editors, quick fixes and tests key on these; never rename one.
// Each code's severity, and who rejects what it reports, is in semantics/severities.ts.
export const DiagnosticCode = {
  // syntax and documents
  syntax: "syntax",
  placeholder: "placeholder",
  deprecatedVersion: "deprecated-version",
  controllerField: "controller-field",
  // schema
  type: "type",
  required: "required",
  unknownKey: "unknown-key",
  enum: "enum",
  range: "range",
  length: "length",
  pattern: "pattern",
  union: "union",
  // semantics across files
  duplicateName: "duplicate-name",
  unresolvedReference: "unresolved-reference",
  unknownLogicalId: "unknown-logical-id",
  weightSum: "weight-sum",
  protocolMismatch: "protocol-mismatch",
  listenerSettingsProtocol: "listener-settings-protocol",
  portRequired: "port-required",
  portMismatch: "port-mismatch",
  healthCheckPort: "health-check-port",
  listenerWithoutDiscovery: "listener-without-discovery",
  duplicatePriority: "duplicate-priority",
  rewritePrefix: "rewrite-prefix",
  httpMatchPath: "http-match-path",
} as const;

export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];
