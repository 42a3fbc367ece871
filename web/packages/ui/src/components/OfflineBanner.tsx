import { useOnline } from "../lib/online";

/** A clear, persistent notice while the browser is offline. */
export function OfflineBanner() {
  const online = useOnline();
  if (online) return null;
  return (
    <div role="status" className="bg-amber-200 px-4 py-2 text-center text-sm font-medium text-amber-950">
      You're offline. You can see your bookings and pass; booking needs a connection.
    </div>
  );
}
