/** Zones already found valid: a nightly batch checks the same one or two zones millions of times. */
const known = new Set<string>();
/** Bound on `known`: IANA has about 600 zones; input cannot grow the set past this. */
const MAX_KNOWN = 1024;

/**
 * Whether `zone` is an IANA time-zone name this runtime knows (`Asia/Shanghai`). Building an
 * `Intl.DateTimeFormat` is the only portable check and costs tens of microseconds, so valid answers are
 * remembered; invalid names are never cached, so untrusted input cannot fill the memory.
 *
 * @example
 * ```ts
 * isTimeZone('Asia/Shanghai'); // true
 * isTimeZone('Asia/Beijing');  // false
 * ```
 */
export function isTimeZone(zone: string): boolean {
  if (known.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (known.size < MAX_KNOWN) known.add(zone);
  return true;
}
