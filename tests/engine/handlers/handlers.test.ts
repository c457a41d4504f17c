import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EventHandler, HandlerTable } from '../../../src/engine/handlers/EventHandler';
import { handlers } from '../../../src/engine/handlers/handlers';
import { EVENT_TYPES } from '../../../src/history/events';

describe('the event handler table', () => {
  it('has exactly one handler per event type of the history schema', () => {
    expect(Object.keys(handlers).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) expect(typeof handlers[type]).toBe('function');
  });

  it('a table missing an event type, or pairing a type with another type\'s handler, does not typecheck', () => {
    const { payment: _payment, ...withoutPayment } = handlers;
    // @ts-expect-error a table without the payment handler is not a HandlerTable
    const incomplete: HandlerTable = withoutPayment;
    // @ts-expect-error the judgment handler does not take a payment
    const swapped: HandlerTable = { ...handlers, payment: handlers.judgment };
    expect([incomplete, swapped]).toHaveLength(2);
    expectTypeOf(handlers.payment).toEqualTypeOf<EventHandler<'payment'>>();
  });
});
