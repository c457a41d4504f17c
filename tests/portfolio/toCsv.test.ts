import { describe, expect, it } from 'vitest';
import { portfolioReport } from '../../src/portfolio/report';
import { toCsv } from '../../src/portfolio/toCsv';
import { handBook, handOptions } from './handBook';
import { output, profile } from './replayOutputs';

/** Splits CSV text into records and fields per RFC 4180 (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('toCsv', () => {
  const report = portfolioReport(handBook(), handOptions);
  const csv = toCsv(report);

  it('starts with a UTF-8 byte-order mark and ends every line with CRLF, never a bare LF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv).toContain('P-PF-1 Asset quality (资产质量)\r\n');
  });

  it('has one section per table: a title row, a header row, the rows, an empty line', () => {
    const records = parseCsv(csv.slice(1));
    const titles = records.filter((r, i) => i === 0 || (records[i - 1]?.length === 1 && records[i - 1]?.[0] === '')).map((r) => r[0]);
    expect(titles).toEqual([
      'Report (报告)',
      'P-PF-1 Asset quality (资产质量)',
      'P-PF-2 Cure rates (M1/M2-M3 转化率)',
      'P-PF-2 Migration by bucket, loans (迁徙矩阵·笔数)',
      'P-PF-2 Migration by bucket, rates (迁徙率)',
      'P-PF-2 Migration by bucket, start balance (迁徙矩阵·期初余额)',
      'P-PF-2 Migration by class, loans (五级分类迁徙·笔数)',
      'P-PF-2 Migration by class, rates (五级分类迁徙率)',
      'P-PF-2 Migration by class, start balance (五级分类迁徙·期初余额)',
      'Book by bucket at the end (逾期分布)',
      'Book by class at the end (五级分类分布)',
      'P-PF-3 Provisioning (拨备)',
      'Tasks in the period (任务)',
      'P-PF-6 Agencies (委外机构)',
      'P-PF-5 Supervisory sample (监管抽样)',
      'P-PF-5 Sample requirements (抽样要求)',
      'P-IN-8 Spot check (抽查)',
      'Notes (说明)',
      'Errors (错误)',
    ]);
    const quality = records.findIndex((r) => r[0] === 'P-PF-1 Asset quality (资产质量)');
    expect(records[quality + 1]).toEqual(['figure', 'start', 'end', 'target', 'met at end']);
    expect(records.find((r) => r[0] === 'overdue rate by balance (逾期率)')).toEqual(['overdue rate by balance (逾期率)', '0.8088', '0.6872', '0.03', 'no']);
    const counts = records.findIndex((r) => r[0] === 'P-PF-2 Migration by bucket, loans (迁徙矩阵·笔数)');
    expect(records[counts + 1]).toEqual(['from \\ to', 'M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+', 'settled', 'writtenOff', 'total']);
    expect(records[counts + 2]).toEqual(['M0', '1', '0', '0', '0', '0', '0', '0', '0', '1', '0', '2']);
  });

  it('quotes per RFC 4180 and defuses formulas: commas, quotes, line breaks, leading = + @ -', () => {
    const tricky = portfolioReport(
      [{ profile: profile('L,"1"\nx', '=HYPERLINK("http://evil")'), end: output({ loanId: 'L,"1"\nx', asOf: handOptions.to, principal: '10.00' }) }],
      { ...handOptions, seed: '-seed, "quoted"' },
    );
    const text = toCsv(tricky);
    expect(text).toContain('"L,""1""\nx"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(`"'-seed, ""quoted"""`);
    const records = parseCsv(text.slice(1));
    const sample = records.findIndex((r) => r[0] === 'P-PF-5 Supervisory sample (监管抽样)');
    expect(records[sample + 2]?.[0]).toBe(`'=HYPERLINK("http://evil")`);
    expect(records[sample + 2]?.[7]).toBe('L,"1"\nx');
    // Negative numbers stay numbers.
    expect(text).not.toContain("'-0");
  });

  it('lists errors with their source, line, loan and message', () => {
    const withError = portfolioReport(handBook(), handOptions, [
      { source: 'book.jsonl', line: 3, loanId: 'L-9', issues: [{ code: 'money.format', path: 'events[2].amount', message: 'Money must have 2 decimals, got "1,5"', hint: 'write "1.50"' }] },
    ]);
    const records = parseCsv(toCsv(withError).slice(1));
    const errors = records.findIndex((r) => r[0] === 'Errors (错误)');
    expect(records[errors + 2]).toEqual(['book.jsonl', '3', 'L-9', 'money.format', 'events[2].amount', 'Money must have 2 decimals, got "1,5"', 'write "1.50"']);
  });

  it('in zh-CN has Chinese titles, headers and row labels; every data cell is the same as in English', () => {
    const zh = parseCsv(toCsv(report, 'zh-CN').slice(1));
    const english = parseCsv(csv.slice(1));
    expect(zh.map((r) => r.length)).toEqual(english.map((r) => r.length));
    expect(zh[0]).toEqual(['报告']);
    expect(zh.find((r) => r[0] === '逾期率（按余额）')).toEqual(['逾期率（按余额）', '0.8088', '0.6872', '0.03', '否']);
    const counts = zh.findIndex((r) => r[0] === 'P-PF-2 逾期档位迁徙矩阵（笔数）');
    expect(zh[counts + 1]).toEqual(['期初 \\ 期末', 'M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+', 'settled', 'writtenOff', '合计']);
    // A cell differs only where English has a word of its own: a title, a header, a row label, yes/no.
    const words = new Set(['yes', 'no', 'not recorded']);
    zh.forEach((row, i) =>
      row.forEach((cell, j) => {
        const en = english[i]?.[j] as string;
        if (cell !== en) expect(/[a-z]{2}/.test(en) && (j === 0 || i === 0 || words.has(en) || english[i - 1]?.length === 1 || english[i - 1]?.[0] === ''), `${i},${j}: ${en} → ${cell}`).toBe(true);
      }),
    );
  });
});
