import type { ButtonHTMLAttributes } from "react";

type Tone = "primary" | "secondary" | "quiet";

const TONES: Record<Tone, string> = {
  primary: "bg-emerald-700 text-white active:bg-emerald-900 disabled:bg-emerald-700/50",
  secondary: "bg-white text-slate-900 ring-4 ring-inset ring-slate-300 active:bg-slate-100",
  quiet: "bg-slate-800 text-white active:bg-slate-900",
};

/** A touch target for a standing person: at least 120 px tall, large type. */
export function BigButton({
  tone = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone }) {
  return (
    <button
      type="button"
      {...props}
      className={`flex min-h-[120px] w-full items-center justify-center gap-4 rounded-3xl px-10 text-4xl font-bold focus-visible:outline-8 focus-visible:outline-offset-4 focus-visible:outline-amber-400 disabled:cursor-not-allowed ${TONES[tone]} ${className}`}
    />
  );
}
