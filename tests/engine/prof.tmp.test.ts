import { it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replayWithSnapshot } from '../../src/engine/replay';
import { parseHistoryValue, parseLoanValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { generatePortfolio } from '../../src/portfolio/generate';
import { contentHash } from '../../src/rules/hash';
import { runStateSchema } from '../../src/engine/runStateSchema';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { restoreRun } from '../../src/engine/persistRun';
import { day } from '../../src/time/day';

it('profiles', () => {
  const pack = cnDefaultPack();
  const hs = [...generatePortfolio({ seed: 20_261_206, loans: 500, asOf: '2026-06-16', years: 3 })].map((h) => unwrap(parseHistoryValue(h, 'b')));
  const texts = hs.map((h) => JSON.stringify(replayWithSnapshot(h, pack, { asOf: day('2026-06-16'), lean: true }).snapshot));
  const objs = texts.map((t) => JSON.parse(t));
  const time = (label: string, f: (o: any) => unknown) => {
    for (const o of objs) f(o);
    const c = process.cpuUsage();
    for (let k = 0; k < 5; k++) for (const o of objs) f(o);
    const u = process.cpuUsage(c);
    console.log(label, ((u.user + u.system) / objs.length / 5).toFixed(0), 'µs');
  };
  time('parse', (o) => JSON.parse(JSON.stringify(o)));
  time('checksum', (o) => { const { checksum, ...c } = o; return contentHash([c]); });
  time('zod', (o) => runStateSchema.safeParse(o.state));
  time('loan', (o) => parseLoanValue(o.loan, 'f'));
  time('restoreSnapshot', (o) => restoreSnapshot(o, pack));
  const rs = objs.map((o) => unwrap(restoreSnapshot(o, pack)));
  let i = 0;
  time('restoreRun', () => restoreRun(rs[i++ % rs.length]!, pack));
});
