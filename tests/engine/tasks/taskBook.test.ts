import { describe, expect, it } from 'vitest';
import { doneKey } from '../../../src/engine/tasks/taskBook';
import { emptyTaskBook } from './taskBookFixture';

describe('doneKey', () => {
  it('is the persisted kind|party key, built once per book and pair', () => {
    const book = emptyTaskBook();
    const key = doneKey(book, 'collectionCall', 'borrower');
    expect(key).toBe('collectionCall|borrower');
    expect(doneKey(book, 'collectionCall', 'borrower')).toBe(key);
    expect(book.doneKeys.get('collectionCall')?.get('borrower')).toBe(key);
    expect(doneKey(book, 'collectionCall', 'G-1')).toBe('collectionCall|G-1');
    expect(doneKey(emptyTaskBook(), 'collectionCall', 'borrower')).toBe(key);
  });
});
