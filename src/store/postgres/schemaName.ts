import { PostloanError } from '../../errors/PostloanError';
import { storeText } from '../../errors/storeMessages';
import { issueFrom } from '../../errors/issueText';

/**
 * Default schema of the store: its tables never mix with the host's.
 *
 * @example
 * ```ts
 * createPostgresStore(pool, { pack }).schema === DEFAULT_SCHEMA; // 'postloan'
 * ```
 */
export const DEFAULT_SCHEMA = 'postloan';

/**
 * The schema name, checked and quoted for SQL. Only lower-case letters, digits and underscores (a plain
 * PostgreSQL identifier, at most 63 bytes): the name is put into statements, never a value a host passes
 * on from its users unchecked.
 *
 * @example
 * ```ts
 * quotedSchema('postloan'); // '"postloan"'
 * ```
 */
export function quotedSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', path: 'schema' }, storeText.badSchemaName(name)),
    ]);
  }
  return `"${name}"`;
}
