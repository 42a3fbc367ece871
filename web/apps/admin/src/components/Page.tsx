import { type ReactNode, useId } from "react";

/** A screen's heading, an optional toolbar, and its body. */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-2xl font-bold">{title}</h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A white card with a title. */
export function Card({
  title,
  children,
  className = "",
}: {
  title?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 ${className}`}>
      {title && <h2 className="mb-2 text-base font-semibold">{title}</h2>}
      {children}
    </div>
  );
}

/** A labelled select (the label names the select alone, not its options). */
export function SelectField({
  label,
  value,
  onChange,
  options,
  className = "",
  inline = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  className?: string;
  /** The label beside the select rather than above it. */
  inline?: boolean;
}) {
  const id = useId();
  const layout = inline ? "flex-row items-center gap-2" : "flex-col gap-1";
  return (
    <div className={`flex ${layout} text-sm font-medium text-slate-800 ${className}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
