import { TextField } from "@booking/ui";
import { useState } from "react";
import { useMemberLookup } from "../features/bookings/api/bookings";

export interface PickedMember {
  id: string;
  label: string;
}

/** Find a member by name, e-mail or phone and pick one from the matches. */
export function MemberPicker({
  picked,
  onPick,
}: {
  picked: PickedMember | null;
  onPick: (member: PickedMember) => void;
}) {
  const [q, setQ] = useState("");
  const lookup = useMemberLookup(q);
  return (
    <div className="space-y-2">
      <TextField label="Find the member" value={q} onChange={(e) => setQ(e.target.value)} />
      <ul aria-label="Members found" className="max-h-32 overflow-y-auto">
        {(lookup.data?.items ?? []).map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className={`w-full rounded px-2 py-1 text-left text-sm ${picked?.id === m.id ? "bg-emerald-100" : "hover:bg-slate-100"}`}
              onClick={() => onPick({ id: m.id, label: `${m.name} (${m.email})` })}
            >
              {m.name} · {m.email}
            </button>
          </li>
        ))}
      </ul>
      {picked && <p className="text-sm">For: {picked.label}</p>}
    </div>
  );
}
