// Entry point: wires the pad, the stroke model, recognition and the result
// panel together, and owns the page state exposed as <body data-state>:
//   idle    – nothing drawn
//   pending – the drawing changed and its result is not shown yet
//   done    – the result for the current drawing is shown
//   error   – the request for the current drawing failed
// A shown answer can be corrected symbol by symbol (tap a box, or focus it
// and press Enter); each correction goes to the server, which stores it and
// re-reads the drawing, and can be undone.

import { RecognitionError, correct, recognize, strokePayload } from './api.js';
import { CorrectionMenu } from './correctionmenu.js';
import { CorrectionSession, spokenLabel, symbolAt } from './corrections.js';
import { FormulaView } from './formula.js';
import { Overlay } from './overlay.js';
import { DrawingPad } from './pad.js';
import { ResultPanel } from './results.js';
import { LatestOnly } from './scheduler.js';
import { StrokeModel } from './strokes.js';
import { SymbolBoxes } from './symbolboxes.js';

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
  undoCorrection: $('undo-correction'),
  announce: $('announce'),
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

const boxes = new SymbolBoxes($('symbol-boxes'), { onChoose: openMenu });
const menu = new CorrectionMenu($('correct-menu'), { onPick: correctSymbol });
const formula = new FormulaView({ formula: $('formula'), copy: $('copy-latex'), announce });

// The shown answer and its corrections; null while nothing correctable is shown.
let session = null;
// The correction request in flight, if any.
let correcting = null;
// Which symbol the menu is correcting.
let menuIndex = -1;

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
      forgetAnswer();
      ui.retry.hidden = true;
      setState('pending');
      syncControls();
    },
    onStrokeEnd: drawingChanged,
    onResize: (width, height) => overlay.resize(width, height),
    // A press on a shown symbol's box that doesn't move opens its menu.
    tapTarget: (point) => (session && document.body.dataset.state === 'done' ? symbolAt(session.answer.symbols, point) : null),
    onTap: openMenu,
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
  return { data, roundTrip: performance.now() - started, canvas: strokes };
}

function showResult({ data, roundTrip, canvas }) {
  session = new CorrectionSession(canvas, data);
  showAnswer(data, roundTrip);
  ui.retry.hidden = true;
  setState('done');
}

function showAnswer(data, roundTrip) {
  panel.showResult(data, roundTrip);
  overlay.show(data.symbols);
  boxes.show(data.symbols);
  formula.show(data);
  ui.undoCorrection.hidden = !session?.canUndo;
}

/** The shown answer no longer describes the drawing: nothing to correct. */
function forgetAnswer() {
  session = null;
  correcting?.abort();
  correcting = null;
  menu.close({ restoreFocus: false });
  boxes.clear();
  ui.undoCorrection.hidden = true;
  ui.announce.textContent = '';
}

// ---- corrections -----------------------------------------------------------

function openMenu(index) {
  const symbol = session?.answer.symbols?.[index];
  const box = boxes.button(index);
  if (!symbol || !box || document.body.dataset.state !== 'done') return;
  menuIndex = index;
  menu.open(symbol, { index, count: boxes.count, anchor: box.getBoundingClientRect(), returnFocus: box });
}

async function correctSymbol(label) {
  const current = session;
  const index = menuIndex;
  const symbol = current?.answer.symbols?.[index];
  if (!symbol) return;
  const controller = new AbortController();
  correcting?.abort();
  correcting = controller;
  setState('pending');
  const started = performance.now();
  try {
    const answer = await correct(current.canvas, current.request(symbol.box, label), { signal: controller.signal });
    if (controller.signal.aborted || session !== current) return;
    current.apply(symbol.box, label, answer);
    showAnswer(answer, performance.now() - started);
    setState('done');
    const was = spokenLabel(symbol.label);
    announce(label === 'none'
      ? `Symbol ${index + 1} (${was}) dropped. The expression is now ${answer.expression || 'empty'}.`
      : `Symbol ${index + 1} corrected from ${was} to ${spokenLabel(label)}; saved for training. The expression is now ${answer.expression}.`);
    boxes.focus(index);
  } catch (err) {
    if (controller.signal.aborted || session !== current) return;
    setState('done');
    boxes.focus(index);
    announce(err instanceof RecognitionError ? `The correction failed: ${err.message}` : 'The correction failed. Please try again.');
  } finally {
    if (correcting === controller) correcting = null;
  }
}

function undoCorrection() {
  const answer = session?.undo();
  if (!answer) return;
  correcting?.abort();
  showAnswer(answer, undefined);
  setState('done');
  announce(`Correction undone. The expression is ${answer.expression || 'empty'}.`);
  // The button stays while there is more to undo; when it goes, focus moves to the symbols.
  if (ui.undoCorrection.hidden) boxes.focus(0);
}

function announce(message) {
  // Cleared first so the same message twice is announced twice.
  ui.announce.textContent = '';
  requestAnimationFrame(() => { ui.announce.textContent = message; });
}

function showError(err) {
  const message = err instanceof RecognitionError
    ? err.message
    : 'Something went wrong while recognising the drawing. Please try again.';
  forgetAnswer();
  panel.showError(message);
  formula.clear();
  overlay.clear();
  ui.retry.hidden = false;
  setState('error');
}

/** After any committed change: blank → answer locally, else recognise soon. */
function drawingChanged() {
  syncControls();
  ui.retry.hidden = true;
  forgetAnswer();
  if (model.isEmpty) {
    recognizer.cancel(); // an empty canvas never goes to the server
    formula.clear();
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
ui.undoCorrection.addEventListener('click', undoCorrection);

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
