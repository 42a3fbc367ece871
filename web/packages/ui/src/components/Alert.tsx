import type { ReactNode } from "react";
import { humanMessage, reasonsOf } from "../lib/errors";

const TONES = {
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
};

/** A message box; errors are announced to screen readers as they appear. */
export function Alert({
  tone = "info",
  title,
  children,
}: {
  tone?: keyof typeof TONES;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-lg border px-4 py-3 text-sm ${TONES[tone]}`}
    >
      {title && <p className="font-semibold">{title}</p>}
      {children}
    </div>
  );
}

/** An API failure in plain words, with every reason the API listed. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const reasons = reasonsOf(error);
  return (
    <Alert tone="error" title={title ?? humanMessage(error)}>
      {title && <p>{humanMessage(error)}</p>}
      {reasons.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {reasons.map((r) => (
            <li key={r.code + r.message}>{r.message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
