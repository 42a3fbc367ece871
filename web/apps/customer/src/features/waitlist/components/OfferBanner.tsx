import { Link, useLocation } from "react-router";
import { useWaitlist } from "../api/waitlist";

/** On every screen but the Waitlist itself: a bay is held for you, go and take it. */
export function OfferBanner() {
  const here = useLocation();
  const waitlist = useWaitlist();
  const offered = (waitlist.data ?? []).filter((e) => e.status === "offered").length;
  if (offered === 0 || here.pathname === "/waitlist") return null;
  return (
    <Link
      to="/waitlist"
      className="mb-4 block rounded-lg bg-emerald-700 px-4 py-3 font-semibold text-white focus-visible:outline-3 focus-visible:outline-amber-500"
    >
      A bay is held for you: accept it before the hold runs out →
    </Link>
  );
}
