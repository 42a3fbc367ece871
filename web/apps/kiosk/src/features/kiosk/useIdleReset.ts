import { useEffect } from "react";

export const IDLE_MS = 60_000;

/** Call `onIdle` after `ms` without a touch, click or key while `active`. */
export function useIdleReset(active: boolean, onIdle: () => void, ms = IDLE_MS): void {
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(onIdle, ms);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, ms);
    };
    const events = ["pointerdown", "keydown", "touchstart", "wheel"] as const;
    for (const name of events) window.addEventListener(name, poke, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, poke);
    };
  }, [active, onIdle, ms]);
}
