import { describe, expect, it } from 'vitest';
import type { ParticipantId, ResumeToken } from '@madoguchi/shared';
import { Participant, type Deliver } from './participant.ts';

const kiosk = () =>
  new Participant(
    'p-1' as ParticipantId,
    { role: 'kiosk', kioskId: 'seiseki-1' as never },
    't' as ResumeToken,
  );

/** A socket's deliver function that records what reached it. */
const socket = () => {
  const got: { name: string; seq: number }[] = [];
  const deliver: Deliver = (name, _payload, seq) => got.push({ name, seq });
  return { got, deliver };
};

const offer = { consultationId: 'c', reason: 'expired' } as never;

describe('a participant’s facts across sockets', () => {
  it('numbers every fact and replays those after the last one the client received', () => {
    const participant = kiosk();
    const first = socket();
    participant.attach(first.deliver);
    participant.notify('call:offer-withdrawn', offer);
    participant.notify('call:offer-withdrawn', offer);
    participant.notify('call:offer-withdrawn', offer);
    expect(first.got.map((fact) => fact.seq)).toEqual([1, 2, 3]);

    // The client had only seen the first when its socket died; a new socket takes over.
    const second = socket();
    participant.attach(second.deliver);
    expect(participant.replay(1)).toBe(true);
    expect(second.got.map((fact) => fact.seq)).toEqual([2, 3]);
  });

  it('replays what was sent while detached when the client does not say what it has', () => {
    const participant = kiosk();
    const first = socket();
    participant.attach(first.deliver);
    participant.notify('call:offer-withdrawn', offer);
    participant.detach(first.deliver, 60_000, () => {});
    participant.notify('call:offer-withdrawn', offer);
    const second = socket();
    participant.attach(second.deliver);
    participant.replay(undefined);
    expect(second.got.map((fact) => fact.seq)).toEqual([2]);
    participant.close();
  });

  it('says so when the facts a client missed are no longer kept', () => {
    const participant = kiosk();
    const first = socket();
    participant.attach(first.deliver);
    for (let index = 0; index < 400; index++) participant.notify('call:offer-withdrawn', offer);
    const second = socket();
    participant.attach(second.deliver);
    expect(participant.replay(10)).toBe(false);
    // What is still kept is sent all the same, in order.
    expect(second.got.at(-1)?.seq).toBe(400);
    expect(second.got.length).toBeGreaterThan(0);
    expect(participant.replay(400)).toBe(true);
  });

  it('does not replay consumers that are gone (a reloaded page replaced its transports)', () => {
    const participant = kiosk();
    const live = new Set(['consumer-kept']);
    participant.media = { hasConsumer: (id: string) => live.has(id), close: () => {} } as never;
    const first = socket();
    participant.attach(first.deliver);
    participant.notify('consumer:new', { consumerId: 'consumer-gone' } as never);
    participant.notify('consumer:new', { consumerId: 'consumer-kept' } as never);
    participant.notify('call:offer-withdrawn', offer);
    const second = socket();
    participant.attach(second.deliver);
    participant.replay(0);
    expect(second.got).toEqual([
      { name: 'consumer:new', seq: 2 },
      { name: 'call:offer-withdrawn', seq: 3 },
    ]);
  });
});
