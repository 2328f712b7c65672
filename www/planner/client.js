// The page side of the planner's worker (worker.js): requests as promises, progress as a
// callback. The worker's URL is resolved from this module's own URL, so the planner works
// wherever it is served from.

/** A request the worker refused or failed: carries the core's `code` and `field` when it has them. */
export class PlannerError extends Error {
  constructor({ message, code, field }) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

export class PlannerClient {
  constructor() {
    this.nextId = 1;
    // Numbers evaluations for the life of the client, across worker restarts: a report asked
    // for later names the evaluation it belongs to.
    this.evaluations = 0;
    this.closed = false;
    this.pending = new Map();
    this.start();
  }

  start() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'hotpatch-planner' });
    this.worker.onmessage = ({ data }) => {
      const request = this.pending.get(data.id);
      if (!request) return;
      if (data.type === 'progress') return request.onProgress?.(data);
      this.pending.delete(data.id);
      if (data.type === 'done') request.resolve(data);
      else request.reject(new PlannerError(data.error));
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.failAll(new PlannerError({ message: `the planner's worker failed: ${event.message || 'it could not start'}` }));
    };
  }

  failAll(error) {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  /** Sends `{ type, ...payload }`; resolves with the worker's answer. */
  request(type, payload = {}, { onProgress, transfer = [] } = {}) {
    if (this.closed) return Promise.reject(new PlannerError({ message: 'the planner was closed' }));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress, type });
      this.worker.postMessage({ id, type, ...payload }, transfer);
    });
  }

  /**
   * Evaluates; a newer evaluation replaces one still running (the worker is restarted, so a
   * 100,000-device run the user no longer wants does not hold up the next).
   */
  evaluate(inputs, options, onProgress) {
    if ([...this.pending.values()].some((r) => r.type === 'evaluate')) {
      this.worker.terminate();
      this.failAll(Object.assign(new PlannerError({ message: 'replaced by a newer evaluation' }), { superseded: true }));
      this.start();
    }
    // Text and Files (Blobs) are cloned by reference; bytes are copied, then moved.
    const payload = inputs.map((i) => (typeof i.text === 'string' ? { name: i.name, text: i.text } : i.blob ? { name: i.name, blob: i.blob } : { name: i.name, bytes: i.bytes.slice(0) }));
    return this.request('evaluate', { inputs: payload, options, evaluation: ++this.evaluations }, { onProgress, transfer: payload.filter((p) => p.bytes).map((p) => p.bytes) });
  }

  terminate() {
    this.closed = true;
    this.worker.terminate();
    this.failAll(new PlannerError({ message: 'the planner was closed' }));
  }
}
