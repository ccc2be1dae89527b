// Stroke model: the committed drawing plus whole-stroke undo/redo.
// Pure data, no DOM, so it can be unit-tested in node.
//
// A stroke is { width, points: [{x, y}, ...] } in CSS pixels of the pad.
// The committed list is never mutated in place: every change installs a new
// array. That makes history snapshots cheap (they share stroke objects) and
// lets callers hold a reference as a stable snapshot while exporting.

/** Points closer than this to the previous one add nothing visible. */
const MIN_POINT_DISTANCE = 0.75;

export class StrokeModel {
  #strokes = Object.freeze([]);
  #undo = [];
  #redo = [];
  #active = null;

  /** Committed strokes (read-only snapshot). */
  get strokes() { return this.#strokes; }

  /** The stroke being drawn right now, or null. */
  get active() { return this.#active; }

  get isEmpty() { return this.#strokes.length === 0 && this.#active === null; }
  get canUndo() { return this.#undo.length > 0 || this.#active !== null; }
  get canRedo() { return this.#redo.length > 0 && this.#active === null; }

  /** Start a stroke; a single point already renders as a round dot. */
  begin(point, width) {
    if (this.#active) this.end();
    this.#active = { width, points: [{ x: point.x, y: point.y }] };
    return this.#active;
  }

  /** Add a point; returns false when it was too close to matter. */
  extend(point) {
    const stroke = this.#active;
    if (!stroke) return false;
    const last = stroke.points[stroke.points.length - 1];
    if (Math.hypot(point.x - last.x, point.y - last.y) < MIN_POINT_DISTANCE) return false;
    stroke.points.push({ x: point.x, y: point.y });
    return true;
  }

  /** Commit the active stroke as one undoable step. */
  end() {
    const stroke = this.#active;
    if (!stroke) return null;
    this.#active = null;
    Object.freeze(stroke.points);
    this.#commit([...this.#strokes, Object.freeze(stroke)]);
    return stroke;
  }

  /** Drop the active stroke without committing it. */
  cancel() {
    if (!this.#active) return false;
    this.#active = null;
    return true;
  }

  undo() {
    this.end(); // undo while drawing removes the stroke in progress
    if (this.#undo.length === 0) return false;
    this.#redo.push(this.#strokes);
    this.#strokes = this.#undo.pop();
    return true;
  }

  redo() {
    if (this.#active || this.#redo.length === 0) return false;
    this.#undo.push(this.#strokes);
    this.#strokes = this.#redo.pop();
    return true;
  }

  /** Clear is an ordinary history step, so it can be undone. */
  clear() {
    const cancelled = this.cancel();
    if (this.#strokes.length === 0) return cancelled;
    this.#commit(Object.freeze([]));
    return true;
  }

  #commit(next) {
    this.#undo.push(this.#strokes);
    this.#redo.length = 0; // a new action forks history
    this.#strokes = Object.freeze(next);
  }
}
