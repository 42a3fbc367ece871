/** No network: say so plainly, and what still works (the bay doors do). */
export function OfflineScreen() {
  return (
    <div
      role="alert"
      className="flex min-h-dvh flex-col items-center justify-center gap-12 bg-amber-100 px-20 text-center"
    >
      <div aria-hidden="true" className="text-[12rem] leading-none">
        ⚠
      </div>
      <h1 className="text-7xl font-black text-amber-950">This kiosk is offline</h1>
      <p className="text-4xl text-amber-950">
        It can't book or check you in until the network is back. It will carry on by itself.
      </p>
      <p className="text-4xl text-amber-950">
        Already booked? Show the pass in your app at the bay door, or call the front desk.
      </p>
    </div>
  );
}
