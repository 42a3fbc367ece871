import { useState } from "react";
import { BigButton } from "./BigButton";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"] as const;

function Keypad({ onKey }: { onKey: (key: (typeof KEYS)[number]) => void }) {
  return (
    <div className="grid grid-cols-3 gap-6">
      {KEYS.map((key) => (
        <button
          key={key}
          type="button"
          onClick={() => onKey(key)}
          aria-label={key === "back" ? "Delete last digit" : key === "clear" ? "Clear" : key}
          className="min-h-[140px] rounded-3xl bg-white text-6xl font-bold text-slate-900 shadow ring-4 ring-inset ring-slate-200 active:bg-slate-100 focus-visible:outline-8 focus-visible:outline-amber-400"
        >
          {key === "back" ? "⌫" : key === "clear" ? "C" : key}
        </button>
      ))}
    </div>
  );
}

/**
 * Typing instead of scanning: the member's phone number (or e-mail), then the 6 digits their
 * app shows. Both are needed: a phone or e-mail alone proves nothing.
 */
export function CodeEntry({
  onSubmit,
  onCancel,
  busy,
  error,
}: {
  onSubmit: (customer: string, code: string) => void;
  onCancel: () => void;
  busy: boolean;
  error: string | null;
}) {
  const [step, setStep] = useState<"who" | "code">("who");
  const [useEmail, setUseEmail] = useState(false);
  const [who, setWho] = useState("");
  const [code, setCode] = useState("");
  const value = step === "who" ? who : code;
  const setValue = step === "who" ? setWho : setCode;
  const max = step === "who" ? 15 : 6;

  const press = (key: (typeof KEYS)[number]) => {
    if (key === "clear") setValue("");
    else if (key === "back") setValue(value.slice(0, -1));
    else if (value.length < max) setValue(value + key);
  };
  const ready = step === "who" ? who.trim().length >= (useEmail ? 5 : 7) : code.length === 6;

  return (
    <div className="flex flex-1 flex-col gap-10 px-20 py-14">
      <h2 className="text-6xl font-black text-slate-900">
        {step === "who" ? (useEmail ? "Your e-mail" : "Your phone number") : "The 6 digits in your app"}
      </h2>
      <p className="text-3xl text-slate-600">
        {step === "who"
          ? "The one on your club account."
          : "Open the app, tap Kiosk code, and type the digits shown under the QR code."}
      </p>
      {step === "who" && useEmail ? (
        <input
          aria-label="E-mail"
          type="email"
          autoComplete="off"
          value={who}
          onChange={(e) => setWho(e.target.value)}
          className="min-h-[120px] rounded-3xl border-4 border-slate-300 px-8 text-5xl"
        />
      ) : (
        <output
          aria-label={step === "who" ? "Phone number" : "Code"}
          data-testid={step === "who" ? "phone" : "code"}
          className="flex min-h-[140px] items-center justify-center rounded-3xl bg-slate-100 text-7xl font-bold tracking-[0.3em] tabular-nums text-slate-900"
        >
          {step === "code" ? code.padEnd(6, "·") : who || " "}
        </output>
      )}
      {error && (
        <p role="alert" className="rounded-3xl bg-red-100 px-8 py-6 text-4xl font-semibold text-red-900">
          {error}
        </p>
      )}
      {!(step === "who" && useEmail) && <Keypad onKey={press} />}
      <div className="mt-auto grid grid-cols-2 gap-8">
        <BigButton
          tone="secondary"
          onClick={() => {
            if (step === "code") setStep("who");
            else onCancel();
          }}
        >
          Back
        </BigButton>
        <BigButton
          disabled={!ready || busy}
          onClick={() => {
            if (step === "who") {
              setStep("code");
              setCode("");
            } else onSubmit(who.trim(), code);
          }}
        >
          {step === "who" ? "Next" : busy ? "Checking…" : "Sign in"}
        </BigButton>
      </div>
      {step === "who" && (
        <button
          type="button"
          className="min-h-[80px] text-3xl font-semibold text-emerald-800 underline"
          onClick={() => {
            setUseEmail(!useEmail);
            setWho("");
          }}
        >
          {useEmail ? "Use my phone number instead" : "Use my e-mail instead"}
        </button>
      )}
    </div>
  );
}
