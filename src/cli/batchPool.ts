import { Worker } from 'node:worker_threads';
import type { BatchLine } from './batchLine';
import type { BatchRequest, BatchResponse, BatchWorkerData } from './batchWorker';
import type { HistoryText } from './historyTexts';
import { fromWireLine, toWireHistory } from './batchWire';

/**
 * Young-generation size of each worker's heap. A replay allocates many short-lived objects (facts,
 * timeline entries, task records); V8's default nursery fills every few hundred microseconds and
 * promotes objects that die soon after. 192 MB (64 MB semi-spaces) made replays ≈ 15–20 % faster in
 * `bench/scale.mjs`, for ≈ 130 MB more peak memory per worker.
 */
export const YOUNG_GENERATION_MB = 192;

/** Worker threads replaying chunks of histories for `postloan batch`. */
export interface BatchPool {
  /** Replays a chunk on the least busy worker. Rejects if that worker dies. */
  readonly run: (items: readonly HistoryText[]) => Promise<readonly BatchLine[]>;
  /** Stops every worker. */
  readonly close: () => Promise<void>;
}

interface Waiting {
  readonly resolve: (lines: readonly BatchLine[]) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Starts `size` workers from `workerFile` (the built `batchWorker.js`), each loading the pack once from
 * `data`. Chunks go to the worker with the fewest unanswered chunks; answers come back by id.
 */
export function startBatchPool(workerFile: URL, size: number, data: BatchWorkerData): BatchPool {
  let nextId = 0;
  let broken: Error | undefined;
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(workerFile, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const waiting = new Map<number, Waiting>();
    const failAll = (e: Error): void => {
      broken ??= e;
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
    };
    worker.on('message', (response: BatchResponse) => {
      const w = waiting.get(response.id);
      waiting.delete(response.id);
      w?.resolve(response.lines.map(fromWireLine));
    });
    worker.on('error', (e) => failAll(new Error(`a batch worker failed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (waiting.size > 0) failAll(new Error(`a batch worker exited with code ${code} before answering`));
    });
    return { worker, waiting };
  });
  return {
    run: (items) => {
      if (broken !== undefined) return Promise.reject(broken);
      const target = workers.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        target.waiting.set(id, { resolve, reject });
        const request: BatchRequest = { id, items: items.map(toWireHistory) };
        target.worker.postMessage(request);
      });
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
