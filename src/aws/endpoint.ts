// Custom endpoints typed by a user: "localhost:4566" and "127.0.0.1:4566" mean the local sandbox over
// http, so a bare host:port gets "http://"; anything else must be an http(s) base URL.

/** A bare host with a port (no scheme): "localhost:4566", "127.0.0.1:4566", "[::1]:4566". */
const HOST_PORT = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}(?:\/.*)?$/;

/** The text with "http://" put in front of a bare host:port; other text unchanged (trimmed). */
function withScheme(value: string): string {
  const text = value.trim();
  return HOST_PORT.test(text) ? `http://${text}` : text;
}

/**
 * Checks a custom endpoint typed by a user. Returns a message for the input box, or undefined
 * when the value is usable (empty means "talk to AWS").
 */
export function endpointProblem(value: string): string | undefined {
  const text = withScheme(value);
  if (text === "") return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL. Use a form like http://127.0.0.1:4566 or localhost:4566.`;
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

/** The endpoint in the form the SDK clients take: a scheme, no trailing slash. */
export function normaliseEndpoint(value: string): string {
  return withScheme(value).replace(/\/+$/, "");
}
