import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunked, mapOrdered } from '../../src/cli/mapOrdered';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapOrdered', () => {
  it('emits in input order whatever order the work finishes in, with bounded in-flight work', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (delays, limit) => {
        let pulled = 0;
        let emitted = 0;
        let running = 0;
        let maxRunning = 0;
        let maxAhead = 0;
        function* source() {
          for (const [i, d] of delays.entries()) {
            pulled++;
            maxAhead = Math.max(maxAhead, pulled - emitted);
            yield { i, d };
          }
        }
        const out: number[] = [];
        const stats = await mapOrdered(
          source(),
          async ({ i, d }) => {
            running++;
            maxRunning = Math.max(maxRunning, running);
            await sleep(d);
            running--;
            return i;
          },
          (i) => {
            out.push(i);
            emitted++;
          },
          { maxInFlight: limit },
        );
        expect(out).toEqual(delays.map((_, i) => i));
        expect(stats.items).toBe(delays.length);
        expect(stats.maxPending).toBeLessThanOrEqual(limit);
        expect(maxRunning).toBeLessThanOrEqual(limit);
        // The source is read lazily: never more than the limit ahead of what has been written.
        expect(maxAhead).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 30 },
    );
  });

  it('waits for a slow emit (a stream draining) before reading on', async () => {
    const log: string[] = [];
    async function* source() {
      for (let i = 0; i < 4; i++) {
        log.push(`read ${i}`);
        yield await Promise.resolve(i);
      }
    }
    await mapOrdered(source(), (i) => Promise.resolve(i), async (i) => {
      await sleep(1);
      log.push(`wrote ${i}`);
    }, { maxInFlight: 2 });
    expect(log).toEqual(['read 0', 'read 1', 'wrote 0', 'read 2', 'wrote 1', 'read 3', 'wrote 2', 'wrote 3']);
  });

  it('rejects with the first failure and leaves no unhandled rejection behind', async () => {
    const work = async (i: number) => {
      await sleep(i === 2 ? 0 : 5);
      if (i >= 1) throw new Error(`loan ${i} failed`);
      return i;
    };
    const out: number[] = [];
    await expect(mapOrdered([0, 1, 2, 3], work, (i) => void out.push(i), { maxInFlight: 4 })).rejects.toThrow('loan 1 failed');
    expect(out).toEqual([0]);
  });
});

describe('chunked', () => {
  it('groups a stream, the last chunk shorter', async () => {
    const chunks: number[][] = [];
    for await (const c of chunked([1, 2, 3, 4, 5], 2)) chunks.push(c);
    expect(chunks).toEqual([[1, 2], [3, 4], [5]]);
  });
});
