import { describe, expect, it } from 'vitest';
import { cliLocale } from '../../src/cli/cliLocale';
import { PostloanError } from '../../src/errors/PostloanError';
import { parseLocale } from '../../src/i18n/locale';

describe('parseLocale', () => {
  it.each([
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh_TW.UTF-8', 'zh-CN'],
    ['en_US.UTF-8', 'en'],
    ['C.UTF-8', 'en'],
    ['POSIX', 'en'],
    ['fr_FR.UTF-8', undefined],
    ['', undefined],
  ])('%s → %s', (text, locale) => {
    expect(parseLocale(text)).toBe(locale);
  });
});

describe('cliLocale', () => {
  it('takes --lang out of the arguments, wherever it is', () => {
    expect(cliLocale(['replay', '--lang', 'zh-CN', 'h.json'], {})).toEqual({ args: ['replay', 'h.json'], locale: 'zh-CN', explicit: true });
    expect(cliLocale(['replay', 'h.json', '--lang=en'], { LANG: 'zh_CN.UTF-8' })).toEqual({ args: ['replay', 'h.json'], locale: 'en', explicit: true });
  });

  it('reads LC_ALL, then LC_MESSAGES, then LANG, else English', () => {
    expect(cliLocale([], { LANG: 'zh_CN.UTF-8' }).locale).toBe('zh-CN');
    expect(cliLocale([], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }).locale).toBe('en');
    expect(cliLocale([], { LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US' }).locale).toBe('zh-CN');
    expect(cliLocale([], { LANG: 'de_DE.UTF-8' }).locale).toBe('en');
    expect(cliLocale([], {}).locale).toBe('en');
  });

  it('leaves a --lang after -- alone', () => {
    expect(cliLocale(['replay', '--', '--lang'], { LANG: 'zh_CN' })).toEqual({ args: ['replay', '--', '--lang'], locale: 'zh-CN', explicit: false });
  });

  it('refuses an unknown --lang as a usage error', () => {
    expect(() => cliLocale(['--lang', 'fr'], {})).toThrow(PostloanError);
    expect(() => cliLocale(['--lang'], {})).toThrow(/--lang must be en or zh-CN, got ""/);
  });
});
