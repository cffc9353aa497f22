/**
 * The web app's change signal: every successful write through the API (a save, a submit, an approval, a publish, an
 * answer, an upload) bumps one version, and what shows a consequence of writes (the to-do cards) reloads on it. What
 * other people change is picked up when the window regains focus and once a minute.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

let version = 0;
const listeners = new Set<() => void>();

export function announceChange(): void {
  version += 1;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A number that changes after every write of this tab, on focus and every `everyMs` (others' writes). */
export function useLiveVersion(enabled: boolean, everyMs = 60_000): number {
  const writes = useSyncExternalStore(subscribe, () => version);
  const [ticks, setTicks] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setTicks((n) => n + 1);
    const visible = () => {
      if (document.visibilityState === 'visible') tick();
    };
    const timer = window.setInterval(tick, everyMs);
    window.addEventListener('focus', tick);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', tick);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [enabled, everyMs]);
  return enabled ? writes + ticks : 0;
}
