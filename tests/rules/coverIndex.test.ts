import { describe, expect, it } from 'vitest';
import { boxesIntersect, isCovered, toBoxes, type Box } from '../../src/rules/conditionSpace';
import { CoverIndex } from '../../src/rules/coverIndex';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { prng } from '../support/prng';


describe('CoverIndex', () => {
  const rules = cnDefaultPack().rules;

  it('answers coverage as a scan of every box above does, with the meeting boxes in the order added', () => {
    const random = prng(7);
    const index = new CoverIndex();
    const all: Box[] = [];
    let checked = 0;
    for (const rule of rules) {
      const boxes = toBoxes(rule.conditions) ?? [];
      if (random() < 0.7 && all.length > 0 && boxes.length > 0) {
        const met = index.meeting(boxes);
        for (const m of met) expect(boxes.some((b) => boxesIntersect(b, m.box))).toBe(true);
        for (const b of boxes) expect(isCovered(b, met.map((m) => m.box))).toBe(isCovered(b, all));
        const order = met.map((m) => all.indexOf(m.box));
        expect(order).toEqual([...order].sort((x, y) => x - y));
        checked++;
      }
      for (const box of boxes) {
        index.add(rule, box);
        all.push(box);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
