import { z } from 'zod';
import { loanContractSchema } from '../contract/LoanContract';
import { loanEventSchema } from './events';

/**
 * zod schema of a whole history file: `{ "$schema"?, "loan", "events"? }`, the loan contract and each
 * event validated by {@link loanContractSchema} and {@link loanEventSchema}. It checks the shape of
 * every part; {@link parseHistoryValue} adds what spans parts (an event dated before disbursement, an
 * event id repeated with different content, a contact or collateral id the loan does not list) and the
 * messages with file and JSON path, so use `parseHistory` to read files and this schema to compose
 * (an API body, a form) or to generate types.
 *
 * @example
 * ```ts
 * const r = historyFileSchema.safeParse(JSON.parse(text));
 * if (r.success) r.data.events?.length;
 * ```
 */
export const historyFileSchema = z.strictObject({
  /** Lets editors validate the file against the shipped JSON Schema; postloan ignores it. */
  $schema: z.string().optional(),
  loan: loanContractSchema,
  events: z.array(loanEventSchema).optional(),
});
