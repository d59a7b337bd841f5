// Runs a short boto3 script against the sandbox, so a test can check what botocore (and the AWS CLI
// v2, which is built on it) sees, besides the JavaScript SDK. `client(service, region)` in the
// script makes a client for the sandbox; the script prints one JSON value as its last line.
import { spawn, spawnSync } from "node:child_process";

let available: boolean | undefined;

/** Why boto3 tests are skipped here, or false when python3 with boto3 is installed. */
export function botocoreMissing(): string | false {
  available ??= spawnSync("python3", ["-c", "import boto3"], { stdio: "ignore" }).status === 0;
  return available ? false : "python3 with boto3 is not installed";
}

const PRELUDE = `
import json, boto3, botocore.config, botocore.exceptions
def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=ENDPOINT,
        aws_access_key_id="AKIDBOTO", aws_secret_access_key="boto",
        config=botocore.config.Config(inject_host_prefix=False, retries={"max_attempts": 1}))
def error_code(call):
    try:
        call()
        return None
    except botocore.exceptions.ClientError as e:
        return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
`;

/** Asynchronous on purpose: an in-process sandbox must keep answering while the script runs. */
export async function runBotocore<T>(endpoint: string, script: string): Promise<T> {
  const program = `ENDPOINT = ${JSON.stringify(endpoint)}\n${PRELUDE}\n${script}`;
  const child = spawn("python3", ["-c", program], { env: { ...process.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (status !== 0) throw new Error(`boto3 script failed (${status}):\n${stderr}`);
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as T;
}
