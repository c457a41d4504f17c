import { useNodeSha256 } from '../node/useNodeSha256';
import { mainAsync } from './main';

useNodeSha256();
void mainAsync(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
