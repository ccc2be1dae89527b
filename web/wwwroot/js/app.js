// Entry point: wires the pad, the stroke model, recognition and the result
// panel together, and owns the page state exposed as <body data-state>:
//   idle    – nothing drawn
//   pending – the drawing changed and its result is not shown yet
//   done    – the result for the current drawing is shown
//   error   – the request for the current drawing failed

import { RecognitionError, recognize, strokePayload } from './api.js';
import { Overlay } from './overlay.js';
import { DrawingPad } from './pad.js';
import { ResultPanel } from './results.js';
import { LatestOnly } from './scheduler.js';
import { StrokeModel } from './strokes.js';

const RECOGNIZE_DELAY_MS = 350;
const CANVAS_LABEL = 'Drawing area for a handwritten math expression. Draw with a mouse, pen or finger.';

const $ = (id) => document.getElementById(id);
const ui = {
  stage: $('stage'),
  pad: $('pad'),
  overlay: $('overlay'),
  width: $('stroke-width'),
  widthValue: $('stroke-width-value'),
  widthPreview: $('stroke-width-preview'),
  undo: $('undo'),
  redo: $('redo'),
  clear: $('clear'),
  retry: $('retry'),
};

const model = new StrokeModel();
const overlay = new Overlay(ui.overlay);
const panel = new ResultPanel({
  expression: $('expression'),
  value: $('value'),
  message: $('message'),
  modelVersion: $('model-version'),
  elapsed: $('elapsed'),
  symbolRows: $('symbol-rows'),
  symbolCount: $('symbol-count'),
});

const recognizer = new LatestOnly(recognizeDrawing, {
  delay: RECOGNIZE_DELAY_MS,
  onResult: showResult,
  onError: showError,
});

const pad = new DrawingPad(
  { stage: ui.stage, canvas: ui.pad, model, getWidth: penWidth },
  {
    // A new stroke makes any pending or in-flight answer obsolete.
    onStrokeStart: () => {
      recognizer.cancel();
      ui.retry.hidden = true;
      setState('pending');
      syncControls();
    },
    onStrokeEnd: drawingChanged,
    onResize: (width, height) => overlay.resize(width, height),
  },
);

// ---- recognition -----------------------------------------------------------

async function recognizeDrawing(signal) {
  // model.strokes is an immutable snapshot, so later strokes can't leak in.
  // Strokes, not a PNG: the server draws them straight into ink and groups
  // symbols by stroke, so touching symbols drawn apart stay apart.
  const strokes = strokePayload(model.strokes, pad.width, pad.height);
  if (signal.aborted) throw new DOMException('Superseded', 'AbortError');
  const started = performance.now();
  const data = await recognize(strokes, { signal });
  return { data, roundTrip: performance.now() - started };
}

function showResult({ data, roundTrip }) {
  panel.showResult(data, roundTrip);
  overlay.show(data.symbols);
  ui.retry.hidden = true;
  setState('done');
}

function showError(err) {
  const message = err instanceof RecognitionError
    ? err.message
    : 'Something went wrong while recognising the drawing. Please try again.';
  panel.showError(message);
  overlay.clear();
  ui.retry.hidden = false;
  setState('error');
}

/** After any committed change: blank → answer locally, else recognise soon. */
function drawingChanged() {
  syncControls();
  ui.retry.hidden = true;
  if (model.isEmpty) {
    recognizer.cancel(); // an empty canvas never goes to the server
    overlay.clear();
    panel.showBlank();
    setState('idle');
    return;
  }
  setState('pending');
  recognizer.schedule();
}

// ---- commands --------------------------------------------------------------

/** Run an edit; a stroke in progress is committed first so history stays linear. */
function command(edit) {
  if (pad.isDrawing) {
    pad.detachPointer();
    model.end();
  }
  if (edit()) {
    pad.redraw();
    drawingChanged();
  } else {
    syncControls();
  }
}

const undo = () => command(() => model.undo());
const redo = () => command(() => model.redo());
const clear = () => command(() => model.clear());

// aria-disabled (not `disabled`) keeps the button focusable, so keyboard
// users don't lose their place when, e.g., the last undo empties history.
function onButton(button, action) {
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') !== 'true') action();
  });
}
onButton(ui.undo, undo);
onButton(ui.redo, redo);
onButton(ui.clear, clear);

ui.retry.addEventListener('click', () => {
  if (model.isEmpty) return;
  ui.retry.hidden = true;
  setState('pending');
  recognizer.schedule(0);
});

// Coming back online is a good moment to retry a failed request.
window.addEventListener('online', () => {
  if (document.body.dataset.state === 'error' && !model.isEmpty) ui.retry.click();
});

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.isComposing || isTextField(e.target)) return;
  const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'z') {
    e.preventDefault();
    if (e.shiftKey) redo(); else undo();
  } else if (mod && !e.shiftKey && key === 'y') {
    e.preventDefault();
    redo();
  } else if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey) {
    clear();
  }
});

function isTextField(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || target.matches('textarea, input:not([type=range]):not([type=button]):not([type=checkbox])'));
}

// ---- controls --------------------------------------------------------------

function penWidth() {
  const value = Number(ui.width.value);
  return Number.isFinite(value) && value > 0 ? value : 10;
}

function showPenWidth() {
  const width = penWidth();
  ui.widthValue.textContent = `${width} px`;
  ui.width.setAttribute('aria-valuetext', `${width} pixels`);
  ui.widthPreview.style.setProperty('--pen', `${width}px`);
}
ui.width.addEventListener('input', showPenWidth);

function syncControls() {
  ui.undo.setAttribute('aria-disabled', String(!model.canUndo));
  ui.redo.setAttribute('aria-disabled', String(!model.canRedo));
  ui.clear.setAttribute('aria-disabled', String(model.isEmpty));
  const count = model.strokes.length;
  ui.pad.setAttribute('aria-label', count === 0
    ? `${CANVAS_LABEL} It is empty.`
    : `${CANVAS_LABEL} ${count} ${count === 1 ? 'stroke' : 'strokes'} drawn.`);
}

function setState(state) {
  document.body.dataset.state = state;
}

// Show the platform's own shortcut spelling in the button hints.
function localiseShortcuts() {
  const mac = /Mac|iPhone|iPad/i.test(navigator.userAgentData?.platform ?? navigator.platform ?? '');
  for (const hint of document.querySelectorAll('[data-shortcut]')) {
    const text = mac ? hint.dataset.shortcutMac : hint.dataset.shortcut;
    if (!text) continue;
    hint.textContent = text;
    const button = hint.closest('button');
    const label = button?.querySelector('.button__label')?.textContent;
    if (label) button.title = `${label} (${text})`;
  }
}

localiseShortcuts();
showPenWidth();
syncControls();
panel.showBlank();
setState('idle');
