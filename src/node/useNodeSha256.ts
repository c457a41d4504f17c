import { hash } from 'node:crypto';
import { useHostSha256 } from '../hash/sha256';

/**
 * Makes postloan hash timeline ids and snapshot checksums with Node's native SHA-256 (`node:crypto`)
 * instead of its plain TypeScript one: the same digests, computed several times faster (a nightly replay
 * hashes every timeline entry of every loan). Call it once per process or worker thread; the postloan
 * CLI, `postloan batch`'s workers and the PostgreSQL store call it themselves.
 *
 * @example
 * ```ts
 * import { useNodeSha256 } from 'postloan/node';
 * useNodeSha256();
 * ```
 */
export function useNodeSha256(): void {
  // Hex rather than a Buffer: allocating a Buffer per digest doubles the cost of a call, and ids and
  // checksums are hex anyway.
  useHostSha256((bytes) => hash('sha256', bytes, 'hex'));
}
