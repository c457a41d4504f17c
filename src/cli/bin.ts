import { useNodeSha256 } from '../node/useNodeSha256';
import { listenForRelayedSignals, runInCommandThread } from './commandThread';
import { mainAsync } from './main';

useNodeSha256();
const argv = process.argv.slice(2);
// The end-of-day worker and the ingest run in a thread with a larger young generation (commandThread.ts).
if (!runInCommandThread(new URL(import.meta.url), argv)) {
  listenForRelayedSignals();
  void mainAsync(argv).then((code) => {
    process.exitCode = code;
  });
}
