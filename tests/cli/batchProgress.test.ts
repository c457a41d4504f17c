import { describe, expect, it } from 'vitest';
import { progressLine, summaryLine } from '../../src/cli/batchProgress';

describe('batch progress on stderr', () => {
  it('draws a bar with the share read, loans, loans/s and errors', () => {
    expect(progressLine({ loans: 8400, errors: 3, seconds: 6.8 }, 0.42)).toBe('\r[████████░░░░░░░░░░░░]  42%  8,400 loans  1,235 loans/s  3 errors\x1b[K');
    expect(progressLine({ loans: 0, errors: 0, seconds: 0 }, 0)).toBe('\r[░░░░░░░░░░░░░░░░░░░░]   0%  0 loans  0 loans/s\x1b[K');
    expect(progressLine({ loans: 10, errors: 1, seconds: 1 }, 1.5)).toContain('100%  10 loans  10 loans/s  1 error');
  });

  it('sums up in one line, with the peak memory once it is known', () => {
    expect(summaryLine({ loans: 2000, errors: 0, seconds: 3.2, peakMemoryBytes: 201_326_592 })).toBe('batch: 2,000 loans, 0 errors, 3.2 s, 625 loans/s, peak memory 192 MiB\n');
    expect(summaryLine({ loans: 2000, errors: 1, seconds: 3.2 })).toMatchInlineSnapshot(`
      "batch: 2,000 loans, 1 error, 3.2 s, 625 loans/s
      "
    `);
  });

  it('speaks Chinese in zh-CN, with the same bar and counts', () => {
    expect(progressLine({ loans: 8400, errors: 3, seconds: 6.8 }, 0.42, 20, 'zh-CN')).toBe('\r[████████░░░░░░░░░░░░]  42%  8,400 笔  1,235 笔/秒  3 笔出错\x1b[K');
    expect(progressLine({ loans: 0, errors: 0, seconds: 0 }, 0, 20, 'zh-CN')).toBe('\r[░░░░░░░░░░░░░░░░░░░░]   0%  0 笔  0 笔/秒\x1b[K');
    expect(summaryLine({ loans: 2000, errors: 1, seconds: 3.2, peakMemoryBytes: 201_326_592 }, 'zh-CN')).toBe('batch：2,000 笔贷款，1 笔出错，用时 3.2 秒，625 笔/秒，内存峰值 192 MiB\n');
    expect(summaryLine({ loans: 2000, errors: 0, seconds: 3.2 }, 'zh-CN')).toBe('batch：2,000 笔贷款，0 笔出错，用时 3.2 秒，625 笔/秒\n');
  });
});
