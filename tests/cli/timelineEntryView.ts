/**
 * A timeline entry of `postloan replay` as the regime-pack scenario tests read it from the JSON output:
 * the common fields, and the optional ones of the entry kinds they look at.
 */
export interface TimelineEntryView {
  on: string;
  kind: string;
  dimension?: string;
  from?: string;
  to?: string;
  ruleIds?: string[];
  rules?: string[];
  inputs?: Record<string, unknown>;
  eventId?: string;
  reason?: string;
  amount?: string;
  allocated?: Record<string, string>;
  how?: string;
  principal?: string;
  capitalized?: { interest: string; penalty: string };
  instalments?: number;
  firstDueOn?: string;
  maturity?: string;
  taskKind?: string;
}
