import type { EventEnvelope } from '@app/contracts';
import { OUTBOX_FIELD, OUTBOX_PENDING_FIELD, updateWithEvents, withEvents } from './outbox.plugin';

const event = { id: 'e-1', type: 't', version: 1 } as EventEnvelope;

describe('outbox helpers', () => {
  it('adds the events and the pending flag to the same update, keeping its operators', () => {
    const u = updateWithEvents({ $inc: { value: 1 }, $set: { a: 1 }, $push: { log: 'x' } }, [event]);
    expect(u).toEqual({
      $inc: { value: 1 },
      $set: { a: 1, [OUTBOX_PENDING_FIELD]: true },
      $push: { log: 'x', [OUTBOX_FIELD]: { $each: [event] } },
    });
  });

  it('leaves an update without events untouched', () => {
    expect(updateWithEvents({ $inc: { v: 1 } }, [])).toEqual({ $inc: { v: 1 } });
  });

  it('stores events inside a new document', () => {
    expect(withEvents({ _id: 'x' }, [event])).toEqual({ _id: 'x', [OUTBOX_FIELD]: [event], [OUTBOX_PENDING_FIELD]: true });
  });
});
