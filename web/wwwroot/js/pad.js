// The drawing surface: sizes the canvas to its container (crisp on high-DPI
// screens), turns Pointer Events into strokes on the model, and repaints
// from the model whenever the size or pixel ratio changes. A press on a tap
// target (a recognised symbol's box) that ends without moving is a tap, not
// a stroke; once it moves it draws as usual.

import { drawLastSegment, drawStroke, drawStrokes } from './render.js';

/** How far (CSS px) a press may wander and still be a tap: a finger is not a mouse. */
const TAP_SLOP = { touch: 10, pen: 6, mouse: 4 };

export class DrawingPad {
  #stage;
  #canvas;
  #ctx;
  #model;
  #getWidth;
  #hooks;
  #pointerId = null;
  #tap = null; // a press on a tap target that has not moved yet: {start, target, slop}
  #size = { width: 0, height: 0, dpr: 0 };

  /**
   * @param {object} o
   * @param {HTMLElement} o.stage  container whose box the canvas fills
   * @param {HTMLCanvasElement} o.canvas
   * @param {import('./strokes.js').StrokeModel} o.model
   * @param {() => number} o.getWidth  pen width for new strokes
   * @param {{onStrokeStart?:Function, onStrokeEnd?:Function, onResize?:Function,
   *          tapTarget?:(point:{x:number,y:number}) => any, onTap?:(target:any) => void}} hooks
   *   tapTarget names what a press at a point would tap (null: nothing, draw);
   *   onTap gets it when the press ends without moving.
   */
  constructor({ stage, canvas, model, getWidth }, hooks = {}) {
    this.#stage = stage;
    this.#canvas = canvas;
    this.#ctx = canvas.getContext('2d');
    this.#model = model;
    this.#getWidth = getWidth;
    this.#hooks = hooks;

    canvas.addEventListener('pointerdown', (e) => this.#onDown(e));
    canvas.addEventListener('pointermove', (e) => this.#onMove(e));
    canvas.addEventListener('pointerup', (e) => this.#onUp(e));
    canvas.addEventListener('pointercancel', (e) => this.#onUp(e));
    canvas.addEventListener('lostpointercapture', (e) => this.#onUp(e));
    // Long-press (touch) and pen barrel buttons would otherwise open a menu.
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());

    new ResizeObserver(() => this.#fit()).observe(stage);
    this.#watchPixelRatio();
    this.#fit();
  }

  /** CSS size of the pad; also the size of the exported image. */
  get width() { return this.#size.width; }
  get height() { return this.#size.height; }
  get isDrawing() { return this.#pointerId !== null; }

  /**
   * Stop tracking the current pointer without touching the model; used when
   * a command (undo, clear) interrupts a stroke in progress.
   */
  detachPointer() {
    const id = this.#pointerId;
    this.#pointerId = null;
    this.#tap = null;
    if (id !== null && this.#canvas.hasPointerCapture?.(id)) this.#canvas.releasePointerCapture(id);
  }

  /** Repaint everything from the model. */
  redraw() {
    const { width, height, dpr } = this.#size;
    const ctx = this.#ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.#canvas.width, this.#canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (width === 0 || height === 0) return;
    drawStrokes(ctx, this.#model.strokes);
    if (this.#model.active) drawStroke(ctx, this.#model.active);
  }

  #fit() {
    // Whole CSS pixels keep the export (CSS size) and the display aligned.
    const width = this.#stage.clientWidth;
    const height = this.#stage.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    const s = this.#size;
    if (width === s.width && height === s.height && dpr === s.dpr) return;
    this.#size = { width, height, dpr };
    this.#canvas.style.width = `${width}px`;
    this.#canvas.style.height = `${height}px`;
    // Resizing the backing store wipes it, hence the full redraw.
    this.#canvas.width = Math.max(1, Math.round(width * dpr));
    this.#canvas.height = Math.max(1, Math.round(height * dpr));
    this.redraw();
    this.#hooks.onResize?.(width, height);
  }

  // Browser zoom or moving the window to another monitor changes the ratio
  // without necessarily resizing anything; the media query notices.
  #watchPixelRatio() {
    const query = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query?.addEventListener?.('change', () => {
      this.#fit();
      this.#watchPixelRatio();
    }, { once: true });
  }

  #point(e) {
    const rect = this.#canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  #onDown(e) {
    // One stroke at a time: a second finger must not start a parallel stroke.
    // button 0 = left mouse button, pen tip or touch contact.
    if (this.#pointerId !== null || e.button !== 0) return;
    e.preventDefault();
    this.#pointerId = e.pointerId;
    try {
      this.#canvas.setPointerCapture(e.pointerId);
    } catch {
      // The pointer may already be gone; the stroke still works without capture.
    }
    const point = this.#point(e);
    const target = this.#hooks.tapTarget?.(point) ?? null;
    if (target !== null) {
      this.#tap = { start: point, target, slop: TAP_SLOP[e.pointerType] ?? TAP_SLOP.touch };
      return;
    }
    this.#begin(point);
  }

  #begin(point) {
    const stroke = this.#model.begin(point, this.#getWidth());
    drawStroke(this.#ctx, stroke); // an immediate dot, so a tap leaves a mark
    this.#hooks.onStrokeStart?.();
  }

  #onMove(e) {
    if (e.pointerId !== this.#pointerId) return;
    const tap = this.#tap;
    if (tap) {
      const point = this.#point(e);
      if (Math.hypot(point.x - tap.start.x, point.y - tap.start.y) <= tap.slop) return;
      this.#tap = null; // it moved: a stroke that started on a box
      this.#begin(tap.start);
    }
    if (!this.#model.active) return;
    // Coalesced events recover the points the browser merged between frames,
    // which keeps fast strokes smooth instead of polygonal.
    const events = e.getCoalescedEvents?.() ?? [];
    for (const ev of events.length > 0 ? events : [e]) {
      if (this.#model.extend(this.#point(ev))) drawLastSegment(this.#ctx, this.#model.active);
    }
  }

  #onUp(e) {
    if (e.pointerId !== this.#pointerId) return;
    const tap = this.#tap;
    if (tap) {
      this.detachPointer();
      if (e.type === 'pointerup') this.#hooks.onTap?.(tap.target);
      return;
    }
    if (e.type === 'pointerup' && this.#model.active) {
      if (this.#model.extend(this.#point(e))) drawLastSegment(this.#ctx, this.#model.active);
    }
    this.detachPointer();
    if (this.#model.end()) this.#hooks.onStrokeEnd?.();
  }
}
