// The service map webview's page: the bundled script by nonce only, styles from the bundle plus the
// inline <style> mermaid writes into its SVG, nothing else (no network, no other origin).
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, "dist", "webview");
}

export function serviceMapHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString("base64");
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, "serviceMap.js"));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, "serviceMap.css"));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // mermaid styles its SVG with a <style> element and style attributes.
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join("; ");
  const escaped = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escaped}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
