/** Options of {@link mapOrdered}. */
export interface MapOrderedOptions {
  /**
   * Most items started and not yet emitted. Reading the source pauses while this many are pending, so
   * memory holds at most this many items and results, whatever the size of the source.
   */
  readonly maxInFlight: number;
}

/** What {@link mapOrdered} did. */
export interface MapOrderedStats {
  readonly items: number;
  /** The largest number of items pending at once (started, not yet emitted); never above `maxInFlight`. */
  readonly maxPending: number;
}

/**
 * Maps an (async) stream through asynchronous `work`, emitting results in input order whatever order the
 * work finishes in: the pending results wait in a queue, and the oldest is emitted first. `emit` may
 * return a promise (e.g. waiting for a stream to drain); the next result waits for it. The first error
 * of `work` or `emit` rejects the whole run; results after it are dropped.
 *
 * @example
 * ```ts
 * await mapOrdered(chunks(lines, 64), (chunk) => pool.run(chunk), (results) => write(results), { maxInFlight: 8 });
 * ```
 */
export async function mapOrdered<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  work: (item: T) => Promise<R>,
  emit: (result: R) => void | Promise<void>,
  options: MapOrderedOptions,
): Promise<MapOrderedStats> {
  const limit = Math.max(1, Math.floor(options.maxInFlight));
  const pending: Promise<R>[] = [];
  let items = 0;
  let maxPending = 0;
  const emitOldest = async (): Promise<void> => {
    await emit(await (pending.shift() as Promise<R>));
  };
  for await (const item of source) {
    const result = work(item);
    // Queued results are awaited in order; a later one failing first must not be an unhandled rejection.
    result.catch(() => undefined);
    pending.push(result);
    items++;
    maxPending = Math.max(maxPending, pending.length);
    while (pending.length >= limit) await emitOldest();
  }
  while (pending.length > 0) await emitOldest();
  return { items, maxPending };
}

/**
 * Groups a stream into arrays of `size` items (the last one shorter), so that one message to a worker
 * thread carries many loans.
 */
export async function* chunked<T>(source: AsyncIterable<T> | Iterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of source) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
