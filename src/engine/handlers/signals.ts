import { maskPersonalData } from '../../errors/maskPersonalData';
import { didYouMean } from '../../errors/suggest';
import { parseRatioValue, RISK_INDICATORS, type RiskIndicator } from '../../history/events';
import { formatMoney } from '../../money/fen';
import { formatDay } from '../../time/day';
import type { HandlerTable } from './EventHandler';

/**
 * What the lender learns about the borrower and the loan: risk signals and material events (P-EW-1,
 * P-EW-3), promises to pay (P-CS-9), collateral valuations (P-CO-1), and facts postloan records without
 * interpreting (inspections, rating changes, misappropriation).
 */
export const signalHandlers: Pick<HandlerTable, 'riskSignal' | 'materialEvent' | 'promiseToPay' | 'collateralValuation' | 'inspection' | 'ratingChange' | 'misappropriation'> = {
  riskSignal(run, e) {
    const on = formatDay(e.on);
    if (!Object.prototype.hasOwnProperty.call(RISK_INDICATORS, e.indicator)) {
      run.timeline.push({
        on,
        kind: 'warning',
        ruleIds: ['P-EW-1'],
        eventId: e.id,
        message: `Risk indicator "${maskPersonalData(e.indicator)}" is not one postloan knows; the signal is recorded and no rule reads it. ${didYouMean(e.indicator, Object.keys(RISK_INDICATORS))}`,
      });
      return;
    }
    const indicator = e.indicator as RiskIndicator;
    const s = run.signals;
    switch (indicator) {
      case 'debtRatio':
      case 'cashFlowDrop':
        s[indicator] = parseRatioValue(e.value) ?? s[indicator];
        break;
      case 'materialEventResolved':
        if (e.value === true && s.materialEventOpen) {
          s.materialEventOpen = false;
          s.materialEventResolvedOn = e.on;
        }
        break;
      default:
        s[indicator] = e.value === true;
    }
    run.timeline.push({ on, kind: 'riskSignalRecorded', ruleIds: indicator === 'materialEventResolved' ? ['P-EW-3'] : ['P-EW-1'], eventId: e.id, indicator, value: typeof e.value === 'boolean' ? e.value : String(e.value) });
  },
  materialEvent(run) {
    run.signals.materialEventOpen = true;
  },
  promiseToPay(run, e) {
    // The borrower's acknowledgement of the debt interrupts the statute of limitations (P-NT-7).
    run.resolution.lastInterruption = e.on;
    run.willingness.promises.push({ eventId: e.id, amount: e.amount, by: e.by, paid: 0 });
  },
  collateralValuation(run, e) {
    const values = run.signals.collateralValues;
    const before = values.get(e.collateralId);
    values.set(e.collateralId, e.value);
    run.timeline.push({
      on: formatDay(e.on),
      kind: 'collateralRevalued',
      ruleIds: ['P-CO-1'],
      eventId: e.id,
      collateralId: e.collateralId,
      value: formatMoney(e.value),
      ...(before === undefined ? {} : { previous: formatMoney(before) }),
    });
  },
  inspection() {},
  ratingChange() {},
  misappropriation() {},
};
