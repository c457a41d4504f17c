import { describe, expect, it } from 'vitest';
import { handlers } from '../../../src/engine/handlers/handlers';
import { EVENT_TYPES } from '../../../src/history/events';

describe('the event handler table', () => {
  it('has exactly one handler per event type of the history schema', () => {
    expect(Object.keys(handlers).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) expect(typeof handlers[type]).toBe('function');
  });
});
