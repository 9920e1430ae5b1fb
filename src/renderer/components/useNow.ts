import { useEffect, useState } from 'react';

/** The current time, refreshed on an interval: relative labels ("12 s ago") must advance while the popover is open. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
