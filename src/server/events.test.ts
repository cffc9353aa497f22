import { describe, expect, it } from 'vitest';
import { InProcessEventBus } from './events.ts';

describe('the in-process event bus', () => {
  it('delivers each event to its listeners, in the order they were added, until they are removed', () => {
    const bus = new InProcessEventBus();
    const got: string[] = [];
    const off = bus.on('values.changed', ({ frameworkId }) => got.push(`a:${frameworkId}`));
    bus.on('values.changed', ({ frameworkId }) => got.push(`b:${frameworkId}`));
    bus.on('lists.changed', () => got.push('lists'));
    bus.emit('values.changed', { frameworkId: 'f2025' });
    off();
    bus.emit('values.changed', { frameworkId: 'f2026' });
    expect(got).toEqual(['a:f2025', 'b:f2025', 'b:f2026']);
  });

  it('keeps delivering when one listener throws, and reports the error', () => {
    const errors: string[] = [];
    const bus = new InProcessEventBus({ onError: (e, name) => errors.push(`${name}: ${(e as Error).message}`) });
    let delivered = 0;
    bus.on('lists.changed', () => {
      throw new Error('cache gone');
    });
    bus.on('lists.changed', () => delivered++);
    expect(() => bus.emit('lists.changed', {})).not.toThrow();
    expect(delivered).toBe(1);
    expect(errors).toEqual(['lists.changed: cache gone']);
  });
});
