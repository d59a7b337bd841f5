// One service name on the endpoint, many regions behind it: each request goes to the instance that
// holds the state of the region it was signed for, so regions never see each other's resources.
import type { SandboxRequest, SandboxResponse, SandboxService } from "./protocol";

export class RegionalService implements SandboxService {
  readonly name: string;
  readonly protocol: SandboxService["protocol"];
  readonly throttleError: SandboxService["throttleError"];
  readonly serverError: SandboxService["serverError"];

  /** `template` answers the questions that do not depend on state (name, protocol, which requests it owns). */
  constructor(
    private readonly template: SandboxService,
    private readonly serviceFor: (region: string) => SandboxService,
  ) {
    this.name = template.name;
    this.protocol = template.protocol;
    this.throttleError = template.throttleError;
    this.serverError = template.serverError;
  }

  owns(request: SandboxRequest): boolean {
    return this.template.owns(request);
  }

  handle(request: SandboxRequest): Promise<SandboxResponse> | SandboxResponse {
    return this.serviceFor(request.region).handle(request);
  }
}
