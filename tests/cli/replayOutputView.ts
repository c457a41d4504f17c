import type { TimelineEntryView } from './timelineEntryView';

/** Amounts by part, as the output prints them (decimal strings); principal and total always present. */
interface AmountsView {
  principal: string;
  total: string;
  [part: string]: string;
}

/**
 * The output of `postloan replay` as the regime-pack scenario tests read it from the JSON: the common
 * fields, and the optional ones some packs' outputs carry.
 */
export interface ReplayOutputView {
  pack: { id: string };
  currency?: string;
  state: string;
  dpd: number;
  classification: string;
  dimensions?: Record<string, string>;
  outstanding: AmountsView;
  overdue: AmountsView;
  missedInstalments: { consecutive: number; cumulative: number };
  timeline: TimelineEntryView[];
  tasks: TaskView[];
}

/** A task of the output, as the scenario tests read it. */
export interface TaskView {
  id: string;
  kind: string;
  ruleId: string;
  party: string;
  openedOn: string;
  dueOn: string;
  status: string;
  closedOn?: string;
  closedBy?: string;
}
