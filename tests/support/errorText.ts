import { PostloanError } from '../../src/errors/PostloanError';
import { formatIssues } from '../../src/errors/formatIssues';

/** formatIssues of the PostloanError the call throws; fails the test if it throws anything else or nothing. */
export function errorText(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    if (e instanceof PostloanError) return formatIssues(e.issues);
    throw e;
  }
  throw new Error('expected a PostloanError');
}
