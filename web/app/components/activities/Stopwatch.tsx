import { useEffect, useState } from 'react';

/**
 * A running clock for the trainee's eye only (the server measures the real time). Rendered after
 * hydration, so without JavaScript the page simply says that the clock is running.
 */
export function Stopwatch({ elapsedAtRender, limitSeconds }: { elapsedAtRender: number; limitSeconds: number }) {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const mounted = performance.now();
    const tick = () => setSeconds(elapsedAtRender + (performance.now() - mounted) / 1000);
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [elapsedAtRender]);

  if (seconds === null) {
    return <p className="stopwatch">The clock started when the card appeared; it stops when you submit.</p>;
  }
  const whole = Math.floor(seconds);
  const over = seconds > limitSeconds;
  return (
    <p className={over ? 'stopwatch stopwatch--over' : 'stopwatch'}>
      {/* role=timer is not announced on every tick; the words say whether the target is still in reach. */}
      <span role="timer" aria-live="off" className="stopwatch__time">
        {Math.floor(whole / 60)}:{String(whole % 60).padStart(2, '0')}
      </span>{' '}
      {over ? `past the ${limitSeconds} s target: finish anyway to see what you got right` : `of ${limitSeconds} s`}
    </p>
  );
}
