// "Latest request wins": debounces a task and guarantees that only the
// result of the most recently scheduled run is delivered. Anything older is
// aborted (AbortController) and, should it still settle, ignored.

export class LatestOnly {
  #task;
  #onResult;
  #onError;
  #delay;
  #timer = null;
  #controller = null;
  #generation = 0;

  /**
   * @param {(signal: AbortSignal) => Promise<any>} task
   * @param {{delay?: number, onResult: (r:any) => void, onError: (e:any) => void}} options
   */
  constructor(task, { delay = 350, onResult, onError }) {
    this.#task = task;
    this.#delay = delay;
    this.#onResult = onResult;
    this.#onError = onError;
  }

  /** True while a run is waiting for its delay or its answer. */
  get busy() { return this.#timer !== null || this.#controller !== null; }

  /** (Re)start the countdown; supersedes any pending or in-flight run. */
  schedule(delay = this.#delay) {
    this.cancel();
    const generation = this.#generation;
    this.#timer = setTimeout(() => this.#run(generation), delay);
  }

  /** Drop the pending run and abort the one in flight, if any. */
  cancel() {
    this.#generation++;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#controller?.abort();
    this.#controller = null;
  }

  async #run(generation) {
    this.#timer = null;
    const controller = new AbortController();
    this.#controller = controller;
    let result;
    let failure;
    let failed = false;
    try {
      result = await this.#task(controller.signal);
    } catch (err) {
      failed = true;
      failure = err;
    }
    // Superseded while running: whatever came back describes an old drawing.
    if (generation !== this.#generation || controller.signal.aborted) return;
    this.#controller = null;
    if (failed) this.#onError(failure);
    else this.#onResult(result);
  }
}
