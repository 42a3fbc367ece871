import { unwrap } from "@booking/api-client";
import { ErrorAlert, Loading, useApi } from "@booking/ui";
import { useQuery } from "@tanstack/react-query";

const REASONS: Record<string, string> = {
  grant: "Added to your account",
  sync: "Membership update",
  booking_debit: "Booking",
  booking_modify: "Booking changed",
  cancellation_refund: "Refund for a cancellation",
  adjustment: "Adjusted by staff",
};

export function CreditsPage() {
  const api = useApi();
  const credits = useQuery({ queryKey: ["credits"], queryFn: () => unwrap(api.GET("/me/credits", {})) });
  if (credits.isPending) return <Loading label="Loading your credits…" />;
  if (credits.isError) return <ErrorAlert error={credits.error} />;
  return (
    <section aria-labelledby="credits-heading" className="space-y-4">
      <h1 id="credits-heading" className="text-2xl font-bold">
        Credits
      </h1>
      <p className="rounded-xl bg-white p-4 text-lg shadow-sm">
        Balance: <strong data-testid="balance">{credits.data.balance}</strong> credits
      </p>
      <h2 className="text-lg font-semibold">History</h2>
      <ul className="divide-y divide-slate-200 rounded-xl bg-white shadow-sm">
        {credits.data.entries.map((e) => (
          <li key={e.id} className="flex justify-between gap-2 px-4 py-2">
            <span>
              <span className="block">{REASONS[e.reason] ?? e.reason}</span>
              <span className="block text-xs text-slate-600">
                {new Date(e.created_at).toLocaleString("en-CA")}
              </span>
            </span>
            <span
              className={`font-semibold tabular-nums ${e.delta < 0 ? "text-red-800" : "text-emerald-800"}`}
            >
              {e.delta > 0 ? `+${e.delta}` : e.delta}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
