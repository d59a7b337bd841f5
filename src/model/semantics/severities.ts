// How severe each diagnostic code is, and why: "error" only where App Mesh's API, the Kubernetes
// controller (its webhooks and CRD schema) or CloudFormation refuses the input; everything else is
// a warning (or information) that says why it is still worth reporting. The README's table of codes
// is this table, word for word (test/unit/workspaceRulesTable.test.ts holds them together).
import { DiagnosticCode } from "../diagnosticCodes";
import type { Severity } from "../resources";

export interface Rule {
  /** The severity of what the code reports. */
  severity: Severity;
  /** Who rejects the input, or "nobody: <why it is still reported>". */
  rejectedBy: string;
  /** A narrower case of the same finding that has another severity, and when it applies. */
  except?: { severity: Severity; when: string };
}

const SCHEMA = "App Mesh API (BadRequestException); CloudFormation's resource schema and the controller's CRD schema catch most of these first";

export const RULES: Readonly<Record<DiagnosticCode, Rule>> = {
  [DiagnosticCode.syntax]: { severity: "error", rejectedBy: "kubectl, CloudFormation and the AWS CLI: the file does not parse" },
  [DiagnosticCode.placeholder]: { severity: "information", rejectedBy: "nobody: the value is substituted before deployment and checked then" },
  [DiagnosticCode.deprecatedVersion]: {
    severity: "warning",
    rejectedBy: "nobody on the legacy controller that served v1beta1; controllers from v1.0 on serve only v1beta2",
  },
  [DiagnosticCode.controllerField]: { severity: "error", rejectedBy: "Kubernetes controller: its mutating webhook refuses spec.meshRef on create" },
  [DiagnosticCode.type]: { severity: "error", rejectedBy: SCHEMA },
  [DiagnosticCode.required]: {
    severity: "error",
    except: { severity: "information", when: "when a CLI input file leaves out a name the command line can give" },
    rejectedBy: `${SCHEMA}; nobody refuses a CLI input file without meshName or its parent's name, which --mesh-name and the like supply`,
  },
  [DiagnosticCode.unknownKey]: {
    severity: "error",
    rejectedBy: "CloudFormation (unsupported property), the AWS CLI (unknown parameter) and kubectl (strict field validation)",
  },
  [DiagnosticCode.enum]: { severity: "error", rejectedBy: SCHEMA },
  [DiagnosticCode.range]: { severity: "error", rejectedBy: SCHEMA },
  [DiagnosticCode.length]: { severity: "error", rejectedBy: SCHEMA },
  [DiagnosticCode.pattern]: { severity: "error", rejectedBy: SCHEMA },
  [DiagnosticCode.union]: { severity: "error", rejectedBy: "App Mesh API (BadRequestException): a union takes exactly one member" },
  [DiagnosticCode.duplicateName]: {
    severity: "warning",
    except: { severity: "error", when: "within one CloudFormation stack or one Kubernetes router's routes" },
    rejectedBy:
      "nobody for two documents of one file: kubectl apply and update calls let the later replace the earlier; in one stack the App Mesh API refuses the second create (ConflictException), and the controller's webhook refuses two routes of one router with the same name",
  },
  [DiagnosticCode.unresolvedReference]: {
    severity: "warning",
    except: { severity: "error", when: "when the mesh is live and the reference is not a backend" },
    rejectedBy:
      "nobody while the target may be defined elsewhere (console, another repository, the cluster); App Mesh API (NotFoundException) when a live mesh lacks a route's target or router, a service's provider, or a gateway route's service or gateway; a backend may name a service that does not exist yet",
  },
  [DiagnosticCode.unknownLogicalId]: {
    severity: "error",
    rejectedBy: "CloudFormation: a template whose !Ref or !GetAtt names no resource or parameter of the stack fails validation",
  },
  [DiagnosticCode.weightSum]: {
    severity: "error",
    except: { severity: "warning", when: "when every weight is 0" },
    rejectedBy: "App Mesh API: a route's weights add up to at most 100; nobody refuses all-zero weights, but such a route sends no traffic",
  },
  [DiagnosticCode.protocolMismatch]: {
    severity: "warning",
    rejectedBy: "nobody: App Mesh and CloudFormation accept a route type that differs from the listener's protocol, but Envoy cannot use the route on that listener",
  },
  [DiagnosticCode.listenerSettingsProtocol]: {
    severity: "warning",
    rejectedBy: "nobody: the API only says a listener's connection pool should match its protocol; settings for another protocol are not applied",
  },
  [DiagnosticCode.portRequired]: {
    severity: "error",
    rejectedBy: "App Mesh API (BadRequestException): with several listeners a route must match a port, and a target must name one",
  },
  [DiagnosticCode.portMismatch]: { severity: "warning", rejectedBy: "nobody is known to refuse it: no listener of that router or node takes the traffic" },
  [DiagnosticCode.healthCheckPort]: { severity: "error", rejectedBy: "App Mesh API: a health check probes its listener's port" },
  [DiagnosticCode.listenerWithoutDiscovery]: {
    severity: "error",
    rejectedBy: "App Mesh API and the controller's webhook: a virtual node with listeners needs service discovery",
  },
  [DiagnosticCode.duplicatePriority]: {
    severity: "warning",
    rejectedBy: "nobody: App Mesh accepts equal priorities, but which of those routes matches first is not defined",
  },
  [DiagnosticCode.rewritePrefix]: { severity: "error", rejectedBy: "App Mesh API and the controller's webhook: a prefix rewrite starts and ends with /" },
  [DiagnosticCode.httpMatchPath]: {
    severity: "error",
    rejectedBy: "App Mesh API and the controller's webhook: an HTTP match takes a prefix or a path, not both (a route needs one of them)",
  },
};

/** The rule of a code, or undefined for a code this table does not know. */
export function ruleOf(code: string): Rule | undefined {
  return Object.hasOwn(RULES, code) ? RULES[code as DiagnosticCode] : undefined;
}

/** The severity to report `code` with; `exceptional` picks the rule's narrower case. */
export function severityOf(code: DiagnosticCode, exceptional = false): Severity {
  const rule = RULES[code];
  return exceptional && rule.except ? rule.except.severity : rule.severity;
}

/** The severity as the README states it: "warning", or "warning; error within …". */
export function severityLabel(rule: Rule): string {
  return rule.except ? `${rule.severity}; ${rule.except.severity} ${rule.except.when}` : rule.severity;
}
