// Tiny element helpers. Every piece of text goes in through textContent (never innerHTML), so names
// from AWS or X-Ray can only ever be text.
export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | undefined | null | false;

function apply(element: Element, attrs: Attrs | undefined, children: Child[]): void {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** An HTML element with attributes and text or element children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attrs, children);
  return element;
}

export const SVG_NS = "http://www.w3.org/2000/svg";
export const XHTML_NS = "http://www.w3.org/1999/xhtml";

/** An SVG element (createElementNS). */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  apply(element, attrs, children);
  return element;
}

/** Removes every child. */
export function clear(element: Element): void {
  while (element.firstChild) element.firstChild.remove();
}

/** Replaces an element's children. */
export function replaceChildren(element: Element, ...children: Child[]): void {
  clear(element);
  apply(element, undefined, children);
}

/** A <button> with a title and a click handler. */
export function button(label: string, title: string, onClick: (event: MouseEvent) => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h("button", { type: "button", title, "aria-label": title, ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** A <select> of [value, label] options. */
export function select(options: [string, string][], value: string, title: string, onChange: (value: string) => void, attrs: Attrs = {}): HTMLSelectElement {
  const element = h("select", { title, "aria-label": title, ...attrs });
  for (const [v, label] of options) element.append(h("option", { value: v }, label));
  element.value = value;
  element.addEventListener("change", () => onChange(element.value));
  return element;
}
