// mermaid's configuration for the map, without mermaid itself: render.ts passes it to
// mermaid.initialize, and the benchmark gives the same settings to a plain mermaid page.
import type { MermaidConfig } from "mermaid";
import type { MapLayout } from "../../protocol/serviceMapMessages";

/** Enough for 500 services and about 2,000 edges, with room: only initialize() may raise these. */
const MAX_TEXT_SIZE = 5_000_000;
const MAX_EDGES = 20_000;

export function mermaidConfig(layout: MapLayout, theme: { themeVariables: Record<string, string>; fontFamily: string }): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: "strict",
    theme: "base",
    themeVariables: theme.themeVariables,
    look: "classic",
    layout,
    fontFamily: theme.fontFamily,
    maxTextSize: MAX_TEXT_SIZE,
    maxEdges: MAX_EDGES,
    // HTML labels: mermaid 12.3 decodes entity codes (#35; …) only on its HTML label path; its SVG
    // text path leaves them literal unless the label holds a "<". Labels are still sanitised.
    htmlLabels: true,
    flowchart: { useMaxWidth: false, htmlLabels: true, curve: "basis", nodeSpacing: 28, rankSpacing: 56, padding: 10, wrappingWidth: 320 },
    // ELK keeps the model's order (stable layouts between refreshes that change the topology a little).
    elk: { considerModelOrder: "NODES_AND_EDGES", mergeEdges: false, nodePlacementStrategy: "BRANDES_KOEPF" },
  };
}
