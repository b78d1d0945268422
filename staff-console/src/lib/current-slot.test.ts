import { describe, expect, it, vi } from 'vitest';
import { CurrentSlot, type Live } from './current-slot.ts';

/** Something with a callback the slot's guard wraps, and a close that counts. */
const thing = (live: Live, onEvent: (value: number) => void) => ({
  close: vi.fn(),
  emit: live(onEvent),
});

describe('CurrentSlot', () => {
  it('closes the previous instance when the next opens, and drops its callbacks', () => {
    const slot = new CurrentSlot<ReturnType<typeof thing>>();
    const seen: string[] = [];
    const first = slot.open((live) => thing(live, (value) => seen.push(`first ${value}`)));
    first.emit(1);
    const second = slot.open((live) => thing(live, (value) => seen.push(`second ${value}`)));
    first.emit(2);
    second.emit(3);
    expect(seen).toEqual(['first 1', 'second 3']);
    expect(first.close).toHaveBeenCalledTimes(1);
    expect(slot.current).toBe(second);
    expect(slot.isCurrent(first)).toBe(false);
    expect(slot.isCurrent(second)).toBe(true);
  });

  it('clears once, and callbacks after the clear change nothing', () => {
    const slot = new CurrentSlot<ReturnType<typeof thing>>();
    const onEvent = vi.fn();
    const only = slot.open((live) => thing(live, onEvent));
    slot.clear();
    slot.clear();
    only.emit(1);
    expect(onEvent).not.toHaveBeenCalled();
    expect(only.close).toHaveBeenCalledTimes(1);
    expect(slot.current).toBeNull();
  });

  it('lets callbacks run while the instance is still being built', () => {
    const slot = new CurrentSlot<ReturnType<typeof thing>>();
    const onEvent = vi.fn();
    slot.open((live) => {
      const built = thing(live, onEvent);
      built.emit(7);
      return built;
    });
    expect(onEvent).toHaveBeenCalledWith(7);
  });

  it('closes an instance whose build opened another one meanwhile', () => {
    const slot = new CurrentSlot<ReturnType<typeof thing>>();
    let inner: ReturnType<typeof thing> | undefined;
    const outer = slot.open((live) => {
      inner = slot.open((innerLive) => thing(innerLive, () => {}));
      return thing(live, () => {});
    });
    expect(outer.close).toHaveBeenCalledTimes(1);
    expect(slot.current).toBe(inner);
  });
});
