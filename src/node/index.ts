/**
 * postloan/node — the Node-only helpers that read packs from disk. The main entry (`postloan`) imports
 * no `node:` module, so it runs in browsers and edge runtimes; this entry shares its code (one
 * `PostloanError` class, one engine) and adds file access.
 */
export { loadPackDir, loadPackDirOrThrow } from './loadPackDir';
export { readPackDir } from './readPackDir';
export { useNodeSha256 } from './useNodeSha256';
