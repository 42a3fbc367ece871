import { useEffect, useRef } from "react";

/** What a kiosk sign-in QR holds (see POST /me/kiosk-code). */
export const TOKEN_PREFIX = "KS1.";

/**
 * The door's QR scanner types what it reads like a keyboard, ending with Enter. Collect keys
 * typed outside any text field; on Enter, hand over the text if it is a kiosk sign-in token.
 */
export function useScanner(active: boolean, onScan: (token: string) => void): void {
  const buffer = useRef("");
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
      if (event.key === "Enter") {
        const text = buffer.current.trim();
        buffer.current = "";
        if (text.startsWith(TOKEN_PREFIX)) handler.current(text);
      } else if (event.key.length === 1) {
        buffer.current = (buffer.current + event.key).slice(-200);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [active]);
}
