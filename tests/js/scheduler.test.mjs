// LatestOnly: only the latest scheduled run's result is delivered; older runs are aborted and ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatestOnly } from '../../web/wwwroot/js/scheduler.js';

function deferred() {
  let resolve;
  const promise = new Promise(r => { resolve = r; });
  return { promise, resolve };
}

test('a run superseded while in flight is aborted and its result never delivered', async () => {
  const results = [];
  const signals = [];
  const answers = [deferred(), deferred()];
  const finished = deferred();
  let call = 0;
  const latest = new LatestOnly(signal => { signals.push(signal); return answers[call++].promise; }, {
    delay: 0,
    onResult: r => { results.push(r); finished.resolve(); },
    onError: e => assert.fail(e),
  });

  latest.schedule();
  await new Promise(r => setTimeout(r, 5)); // the first run starts
  latest.schedule();                        // and is superseded
  await new Promise(r => setTimeout(r, 5));
  answers[0].resolve('old drawing');
  answers[1].resolve('new drawing');
  await finished.promise;

  assert.deepEqual(results, ['new drawing']);
  assert.equal(signals[0].aborted, true);
  assert.equal(signals[1].aborted, false);
  assert.equal(latest.busy, false);
});

test('cancel drops a pending run before it starts', async () => {
  let runs = 0;
  const latest = new LatestOnly(async () => { runs++; }, { delay: 10, onResult: () => {}, onError: () => {} });
  latest.schedule();
  assert.equal(latest.busy, true);
  latest.cancel();
  await new Promise(r => setTimeout(r, 30));
  assert.equal(runs, 0);
  assert.equal(latest.busy, false);
});

test('a failure of the latest run goes to onError', async () => {
  const done = deferred();
  const latest = new LatestOnly(async () => { throw new Error('offline'); }, {
    delay: 0, onResult: () => assert.fail('no result expected'), onError: e => done.resolve(e),
  });
  latest.schedule();
  const error = await done.promise;
  assert.equal(error.message, 'offline');
});
