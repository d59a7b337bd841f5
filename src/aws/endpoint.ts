/**
 * Checks a custom endpoint URL typed by a user. Returns a message for the input box, or
 * undefined when the value is usable (empty means "talk to AWS").
 */
export function endpointProblem(value: string): string | undefined {
  const text = value.trim();
  if (text === "") return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL. Use a form like http://127.0.0.1:4566.`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `The endpoint must use http or https, not ${url.protocol.replace(/:$/, "")}.`;
  }
  if (url.username || url.password) {
    return "Leave credentials out of the endpoint URL; they come from the AWS profile.";
  }
  if (url.search || url.hash) {
    return "The endpoint is a base URL: remove the query string or fragment.";
  }
  return undefined;
}

/** The endpoint in the form the SDK clients take: no trailing slash. */
export function normaliseEndpoint(value: string): string {
  return value.trim().replace(/\/+$/, "");
}
