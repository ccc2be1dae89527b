// The page's correction logic: menu alternatives, hit testing, the corrections a request carries, undo, and
// keyboard movement through the menu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CorrectionSession, LABELS, NOT_A_SYMBOL, alternativesOf, keyText, moveInMenu, overlap, spokenLabel, symbolAt,
} from '../../web/wwwroot/js/corrections.js';
import { correctionForm } from '../../web/wwwroot/js/api.js';

const box = (x, y, width = 40, height = 80) => ({ x, y, width, height });

test('the keypad holds the 18 labels of the model, and / and ÷ look and sound different', () => {
  assert.equal(LABELS.length, 18);
  assert.equal(new Set(LABELS).size, 18);
  assert.notEqual(keyText('/'), keyText('÷'));
  assert.notEqual(spokenLabel('/'), spokenLabel('÷'));
  assert.equal(keyText('-'), '−');
  assert.equal(spokenLabel(NOT_A_SYMBOL), 'not a symbol');
  assert.equal(spokenLabel('7'), '7');
});

test('alternatives come most likely first, without the current label, repeats or unknown labels', () => {
  const symbol = {
    label: '7',
    alternatives: [
      { label: '1', confidence: 0.02 }, { label: '/', confidence: 0.3 }, { label: '7', confidence: 0.1 },
      { label: 'x', confidence: 0.5 }, { label: '1', confidence: 0.01 },
    ],
  };
  assert.deepEqual(alternativesOf(symbol).map((a) => a.label), ['/', '1']);
  assert.deepEqual(alternativesOf({ label: '3' }), []);
});

test('a point hits the smallest box around it, with a margin for thin symbols, or nothing', () => {
  const symbols = [{ box: box(0, 0, 200, 200) }, { box: box(50, 100, 60, 4) }, {}];
  assert.equal(symbolAt(symbols, { x: 60, y: 98 }), 1); // 2 px above the thin minus
  assert.equal(symbolAt(symbols, { x: 10, y: 10 }), 0);
  assert.equal(symbolAt(symbols, { x: 300, y: 10 }), null);
  assert.equal(symbolAt(undefined, { x: 0, y: 0 }), null);
});

test('boxes overlap by intersection over union', () => {
  assert.equal(overlap(box(0, 0), box(0, 0)), 1);
  assert.equal(overlap(box(0, 0), box(100, 0)), 0);
  assert.ok(Math.abs(overlap(box(0, 0, 10, 10), box(5, 0, 10, 10)) - 50 / 150) < 1e-12);
});

test('each request carries the earlier corrections as already stored, and undo restores the previous answer', () => {
  const canvas = { width: 300, height: 200, strokes: [] };
  const first = { expression: '7+4', symbols: [] };
  const session = new CorrectionSession(canvas, first);
  assert.equal(session.canUndo, false);
  assert.deepEqual(session.request(box(0, 0), '1'), [{ box: box(0, 0), label: '1' }]);

  const second = { expression: '1+4' };
  session.apply(box(0, 0), '1', second);
  assert.equal(session.answer, second);
  assert.deepEqual(session.request(box(200, 0), '9'), [
    { box: box(0, 0), label: '1', alreadyStored: true },
    { box: box(200, 0), label: '9' },
  ]);
  const third = { expression: '1+9' };
  session.apply(box(200, 0), '9', third);
  assert.equal(session.count, 2);

  // Correcting the same symbol again replaces its earlier correction (the server would match both to one symbol).
  assert.deepEqual(session.request(box(202, 3), '8'), [
    { box: box(0, 0), label: '1', alreadyStored: true },
    { box: box(202, 3), label: '8' },
  ]);

  assert.equal(session.undo(), second);
  assert.equal(session.count, 1);
  assert.deepEqual(session.request(box(200, 0), '6'), [
    { box: box(0, 0), label: '1', alreadyStored: true },
    { box: box(200, 0), label: '6' },
  ]);
  assert.equal(session.undo(), first);
  assert.equal(session.undo(), null);
  assert.equal(session.answer, first);
  assert.equal(session.canvas, canvas);
});

test('a request body keeps the caller\'s box objects unchanged', () => {
  const b = box(1, 2);
  const session = new CorrectionSession({}, {});
  const request = session.request(b, '3');
  request[0].box.x = 99;
  assert.equal(b.x, 1);
});

test('arrow keys move through rows of buttons: wrap left and right, keep the column up and down', () => {
  const rows = [2, 6, 6, 6, 2];
  assert.deepEqual(moveInMenu(rows, { row: 0, col: 1 }, 'ArrowRight'), { row: 1, col: 0 });
  assert.deepEqual(moveInMenu(rows, { row: 1, col: 0 }, 'ArrowLeft'), { row: 0, col: 1 });
  assert.deepEqual(moveInMenu(rows, { row: 4, col: 1 }, 'ArrowRight'), { row: 0, col: 0 });
  assert.deepEqual(moveInMenu(rows, { row: 0, col: 0 }, 'ArrowLeft'), { row: 4, col: 1 });
  assert.deepEqual(moveInMenu(rows, { row: 1, col: 4 }, 'ArrowDown'), { row: 2, col: 4 });
  assert.deepEqual(moveInMenu(rows, { row: 3, col: 5 }, 'ArrowDown'), { row: 4, col: 1 });
  assert.deepEqual(moveInMenu(rows, { row: 1, col: 5 }, 'ArrowUp'), { row: 0, col: 1 });
  assert.deepEqual(moveInMenu(rows, { row: 0, col: 1 }, 'ArrowUp'), { row: 0, col: 1 });
  assert.deepEqual(moveInMenu(rows, { row: 2, col: 2 }, 'Home'), { row: 0, col: 0 });
  assert.deepEqual(moveInMenu(rows, { row: 2, col: 2 }, 'End'), { row: 4, col: 1 });
  assert.equal(moveInMenu(rows, { row: 2, col: 2 }, 'a'), null);
});

test('a menu without alternatives skips their empty row', () => {
  const rows = [0, 6, 6, 6, 2];
  assert.deepEqual(moveInMenu(rows, { row: 1, col: 3 }, 'ArrowUp'), { row: 1, col: 3 });
  assert.deepEqual(moveInMenu(rows, { row: 1, col: 0 }, 'ArrowLeft'), { row: 4, col: 1 });
  assert.deepEqual(moveInMenu(rows, { row: 2, col: 0 }, 'Home'), { row: 1, col: 0 });
});

test('the correction form sends strokes as a JSON canvas part and the corrections as JSON', async () => {
  const strokes = { width: 10, height: 10, penWidth: 4, strokes: [[[1, 1], [5, 5]]] };
  const corrections = [{ box: box(1, 1, 5, 5), label: '7' }];
  const form = correctionForm(strokes, corrections);
  const canvas = form.get('canvas');
  assert.equal(canvas.type, 'application/json');
  assert.deepEqual(JSON.parse(await canvas.text()), strokes);
  assert.deepEqual(JSON.parse(await form.get('corrections').text()), corrections);

  const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
  assert.equal(correctionForm(png, corrections).get('canvas').type, 'image/png');
});
