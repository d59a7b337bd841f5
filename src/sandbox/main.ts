// `npm run sandbox -- --port 4566 --seed demo [--faults throttle=0.1,error=0.02,latency=20-200]
// [--state FILE] [--sampling 0.05] [--tick-ms 1000] [--verbose]`
// Prints exactly one line `sandbox ready http://127.0.0.1:<port>` once it accepts requests.
import { parseArgs } from "node:util";
import { parseFaults } from "./faults";
import { Sandbox } from "./sandbox";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4566" },
      seed: { type: "string", default: "demo" },
      faults: { type: "string" },
      state: { type: "string" },
      sampling: { type: "string" },
      "tick-ms": { type: "string" },
      verbose: { type: "boolean", default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
  const sampling = values.sampling === undefined ? undefined : Number(values.sampling);
  if (sampling !== undefined && !(sampling > 0 && sampling <= 1)) throw new Error("--sampling must be a ratio in (0, 1]");
  const sandbox = await Sandbox.start({
    port,
    seed: values.seed,
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
  process.exit(1);
});
