// `npm run sandbox -- --port 4566 --seed demo [--seed eu-west-1=scale:3] [--faults …] [--state FILE]
// [--sampling 0.05] [--tick-ms 1000] [--verbose]`; `--help` prints the usage below.
// Prints exactly one line `sandbox ready http://127.0.0.1:<port>` once it accepts requests.
import { parseArgs } from "node:util";
import { parseFaults } from "./faults";
import { Sandbox } from "./sandbox";
import { parseSeedFlags } from "./seeds/regionSeeds";

const USAGE = `usage: node dist/sandbox.js [options]

App Mesh, Cloud Map and X-Ray on one local endpoint. Each region keeps its own state: a request acts
on the region it was signed for (us-east-1 when unsigned), and ARNs name that region.

  --port N            port to listen on (default 4566; 0 picks a free one)
  --seed SEED         the state us-east-1 starts with: demo (default), empty, scale:N or file:PATH
  --seed REGION=SEED  the state another region starts with, e.g. --seed eu-west-1=scale:3
                      (repeat --seed for several regions; us-east-1=SEED replaces the plain one)
  --faults LIST       throttle=0.1,error=0.02,latency=20-200,forbidden=a+b,stall,credentials=expired
  --state FILE        keep every region's App Mesh and Cloud Map state in FILE (seeds apply only
                      while FILE does not exist yet)
  --sampling RATIO    share of simulated requests that are traced, in (0, 1] (default 1)
  --tick-ms N         wall-clock milliseconds between traffic ticks; 0: only POST /_sandbox/tick
  --verbose           log every request to stderr
  --help              print this and exit`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4566" },
      seed: { type: "string", multiple: true, default: [] },
      faults: { type: "string" },
      state: { type: "string" },
      sampling: { type: "string" },
      "tick-ms": { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
  const sampling = values.sampling === undefined ? undefined : Number(values.sampling);
  if (sampling !== undefined && !(sampling > 0 && sampling <= 1)) throw new Error("--sampling must be a ratio in (0, 1]");
  const { seed, seeds } = parseSeedFlags(values.seed);
  const sandbox = await Sandbox.start({
    port,
    seed: seed ?? "demo",
    seeds,
    faults: values.faults ? parseFaults(values.faults) : undefined,
    stateFile: values.state,
    sampling,
    tickMs: values["tick-ms"] === undefined ? undefined : Number(values["tick-ms"]),
    log: values.verbose ? (line) => console.error(line) : (line) => (line.startsWith("seed:") ? console.error(line) : undefined),
  });
  console.log(`sandbox ready ${sandbox.url}`);
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  console.error("run with --help for the options");
  process.exit(1);
});
