// Pan and zoom of the drawn map with @panzoom/panzoom: wheel zoom, drag to pan, + − Fit.
import Panzoom, { type PanzoomObject } from "@panzoom/panzoom";

export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

/** Below this zoom, labels are too small to read. */
const READABLE_SCALE = 0.55;

export class PanZoom {
  private readonly panzoom: PanzoomObject;
  private downAt: { x: number; y: number } | undefined;
  private dragged = false;

  /** `content` is moved inside `viewport`; `onChange` hears every pan and zoom (for saving it). */
  constructor(
    private readonly viewport: HTMLElement,
    private readonly content: HTMLElement,
    onChange: (state: ZoomState) => void,
  ) {
    this.panzoom = Panzoom(content, { canvas: true, maxScale: 4, minScale: 0.02, step: 0.25, cursor: "grab", animate: false, noBind: false });
    viewport.addEventListener("wheel", (event) => this.panzoom.zoomWithWheel(event, { step: 0.15 }), { passive: false });
    content.addEventListener("panzoomchange", () => onChange(this.state()));
    // A press that moved is a pan, not a click on what is under it.
    viewport.addEventListener("pointerdown", (event) => {
      this.downAt = { x: event.clientX, y: event.clientY };
      this.dragged = false;
    });
    viewport.addEventListener("pointermove", (event) => {
      if (this.downAt && Math.hypot(event.clientX - this.downAt.x, event.clientY - this.downAt.y) > 4) this.dragged = true;
    });
    viewport.addEventListener("pointerup", () => (this.downAt = undefined));
  }

  /** Whether the last press was a drag (the click that follows it is ignored). */
  wasDrag(): boolean {
    return this.dragged;
  }

  state(): ZoomState {
    const pan = this.panzoom.getPan();
    return { scale: this.panzoom.getScale(), x: pan.x, y: pan.y };
  }

  restore(state: ZoomState): void {
    if (!Number.isFinite(state.scale) || state.scale <= 0) return;
    this.panzoom.zoom(state.scale, { animate: false, force: true });
    this.panzoom.pan(state.x, state.y, { animate: false, force: true });
  }

  zoomIn(): void {
    this.panzoom.zoomIn({ animate: false });
  }

  zoomOut(): void {
    this.panzoom.zoomOut({ animate: false });
  }

  /** The content's size (w, h) and the viewport's (W, H), or undefined before either is laid out. */
  private measure(): { w: number; h: number; W: number; H: number } | undefined {
    const size = { w: this.content.offsetWidth, h: this.content.offsetHeight, W: this.viewport.clientWidth, H: this.viewport.clientHeight };
    return size.w && size.h && size.W && size.H ? size : undefined;
  }

  /** Scales the content to fit the viewport, centred (never above 100 %). */
  fit(): void {
    const size = this.measure();
    if (!size) return;
    const { w, h, W, H } = size;
    const scale = Math.max(0.02, Math.min(1, (W - 24) / w, (H - 24) / h));
    // The transform origin is the content's centre (50% 50%): centre lands at W/2, H/2.
    this.panzoom.zoom(scale, { animate: false, force: true });
    this.panzoom.pan((W / 2 - w / 2) / scale, (H / 2 - h / 2) / scale, { animate: false, force: true });
  }

  /**
   * The first view of a map: all of it when it fits at a readable size; otherwise a readable zoom
   * (55 %) at its start (the entry points are on the left), vertically centred. Fit shows all.
   */
  openingView(): void {
    const size = this.measure();
    if (!size) return;
    const { w, h, W, H } = size;
    const fitScale = Math.min(1, (W - 24) / w, (H - 24) / h);
    if (fitScale >= READABLE_SCALE) return this.fit();
    const scale = READABLE_SCALE;
    this.panzoom.zoom(scale, { animate: false, force: true });
    // Origin at the content's centre: its left edge lands at 12 px, its middle at H/2.
    this.panzoom.pan((12 - w / 2 + (w * scale) / 2) / scale, (H / 2 - h / 2) / scale, { animate: false, force: true });
  }

  /** Pans so that `element` is in the middle of the viewport, keeping the zoom. */
  centreOn(element: Element): void {
    const scale = this.panzoom.getScale();
    const box = element.getBoundingClientRect();
    const contentBox = this.content.getBoundingClientRect();
    const view = this.viewport.getBoundingClientRect();
    const px = (box.left + box.width / 2 - contentBox.left) / scale;
    const py = (box.top + box.height / 2 - contentBox.top) / scale;
    const cx = this.content.offsetWidth / 2;
    const cy = this.content.offsetHeight / 2;
    this.panzoom.pan((view.width / 2 - cx) / scale - px + cx, (view.height / 2 - cy) / scale - py + cy, { animate: false, force: true });
  }
}
