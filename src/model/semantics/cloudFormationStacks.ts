// Which CloudFormation templates deploy as one stack, and which logical ids a stack declares.
// AWS Copilot merges every template of a service's or environment's `addons/` folder into one
// stack, so !Ref and !GetAtt reach across the files of that folder; any other template is a stack
// of its own.
import { isMap, isScalar } from "yaml";
import type { ParsedDefinitions } from "../parseDefinitions";
import { getPair } from "../source/yamlText";
import { folderOf } from "./proximity";

/** The `…/addons` folder a template sits in directly, if it does. */
export function addonsFolderOf(uri: string): string | undefined {
  const folder = folderOf(uri);
  return folder.endsWith("/addons") ? folder : undefined;
}

/** A key naming the stack a template deploys with: its addons folder, or the template itself. */
export function stackOf(uri: string): string {
  return addonsFolderOf(uri) ?? uri;
}

export function sameStack(a: string, b: string): boolean {
  return stackOf(a) === stackOf(b);
}

export interface DeclaredNames {
  /** Logical ids of every resource and parameter, App Mesh or not. */
  logicalIds: Set<string>;
  /** A transform (SAM, macros) may add resources that the text does not show. */
  transformed: boolean;
}

/** What the CloudFormation documents of a file declare. */
export function declaredNames(file: ParsedDefinitions): DeclaredNames {
  const out: DeclaredNames = { logicalIds: new Set(), transformed: false };
  for (const { document, dialect } of file.documents) {
    const root = document.contents;
    if (dialect !== "cloudformation" || !isMap(root)) continue;
    if (getPair(root, "Transform")) out.transformed = true;
    for (const section of ["Resources", "Parameters"]) {
      const map = getPair(root, section)?.value;
      if (isMap(map)) for (const pair of map.items) if (isScalar(pair.key)) out.logicalIds.add(String(pair.key.value));
    }
  }
  return out;
}
