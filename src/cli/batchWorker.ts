// Worker-thread entry of `postloan batch`, built by tsup as dist/batchWorker.js next to dist/cli.js. It
// loads the pack once, then replays each chunk of histories it is sent and posts back the lines.
import { parentPort, workerData } from 'node:worker_threads';
import { unwrap } from '../errors/PostloanError';
import { cnDefaultPack } from '../rules/defaultPack';
import { loadPack } from '../rules/loadPack';
import { parseDay, type Day } from '../time/day';
import { replayLine } from './batchLine';
import { readPackDir } from './files';
import { useNodeSha256 } from '../node/useNodeSha256';
import { fromWireHistory, toWireLine, type WireHistory, type WireLine } from './batchWire';

/** What the main thread gives each worker when it starts. */
export interface BatchWorkerData {
  readonly packDir?: string;
  readonly asOf: string;
  readonly snapshots: boolean;
  readonly lean: boolean;
}

/** A chunk of histories to replay, and its answer. */
export interface BatchRequest {
  readonly id: number;
  readonly items: readonly WireHistory[];
}
export interface BatchResponse {
  readonly id: number;
  readonly lines: readonly WireLine[];
}

useNodeSha256();
const data = workerData as BatchWorkerData;
// The main thread has already validated the pack and the date; failing here is an internal error.
const pack = data.packDir === undefined ? cnDefaultPack() : unwrap(loadPack(readPackDir(data.packDir), { dir: `${data.packDir.replace(/\/+$/, '')}/` }));
const asOf = parseDay(data.asOf) as Day;
const port = parentPort;
if (port === null) throw new Error('batchWorker.js runs as a worker thread of postloan batch');
port.on('message', (request: BatchRequest) => {
  const response: BatchResponse = { id: request.id, lines: request.items.map((item) => toWireLine(replayLine(fromWireHistory(item), { pack, asOf, snapshots: data.snapshots, lean: data.lean }))) };
  port.postMessage(response);
});
