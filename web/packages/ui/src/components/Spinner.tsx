/** A loading state that says what is loading (never a blank screen). */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-3 p-4 text-slate-700">
      <span
        aria-hidden="true"
        className="size-5 animate-spin rounded-full border-2 border-slate-300 border-t-emerald-700"
      />
      <span>{label}</span>
    </div>
  );
}
