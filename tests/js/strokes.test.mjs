// StrokeModel: strokes are committed whole, undo/redo work stroke by stroke, and tiny moves add no points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StrokeModel } from '../../web/wwwroot/js/strokes.js';

test('a stroke is committed on end, and undo and redo move it whole', () => {
  const model = new StrokeModel();
  model.begin({ x: 0, y: 0 }, 4);
  assert.equal(model.extend({ x: 10, y: 0 }), true);
  model.end();
  assert.equal(model.strokes.length, 1);
  assert.deepEqual(model.strokes[0].points, [{ x: 0, y: 0 }, { x: 10, y: 0 }]);

  assert.equal(model.undo(), true);
  assert.equal(model.strokes.length, 0);
  assert.equal(model.canRedo, true);
  assert.equal(model.redo(), true);
  assert.equal(model.strokes.length, 1);
});

test('points closer than a pixel to the last one are dropped', () => {
  const model = new StrokeModel();
  model.begin({ x: 5, y: 5 }, 4);
  assert.equal(model.extend({ x: 5.2, y: 5.1 }), false);
  assert.equal(model.active.points.length, 1);
});

test('committed snapshots never change under the caller', () => {
  const model = new StrokeModel();
  model.begin({ x: 0, y: 0 }, 4);
  model.end();
  const snapshot = model.strokes;
  model.begin({ x: 20, y: 20 }, 4);
  model.end();
  assert.equal(snapshot.length, 1);
  assert.equal(model.strokes.length, 2);
  assert.ok(Object.isFrozen(snapshot));
});

test('undo while drawing removes the stroke in progress', () => {
  const model = new StrokeModel();
  model.begin({ x: 0, y: 0 }, 4);
  model.extend({ x: 30, y: 0 });
  assert.equal(model.undo(), true);
  assert.equal(model.strokes.length, 0);
  assert.equal(model.active, null);
});
