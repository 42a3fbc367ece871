import { Alert, Button, ErrorAlert, TextField } from "@booking/ui";
import { Dialog, DialogPanel, DialogTitle } from "@headlessui/react";
import { useState } from "react";
import { MemberPicker, type PickedMember } from "../../../components/MemberPicker";
import { SelectField } from "../../../components/Page";
import { localToIso, todayIn } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { useBookForMember } from "../api/bookings";

/** Book a bay for a member who phoned or walked up to the desk. */
export function BookForMember() {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const [open, setOpen] = useState(false);
  const [member, setMember] = useState<PickedMember | null>(null);
  const [bay, setBay] = useState("");
  const [day, setDay] = useState(todayIn(tz));
  const [time, setTime] = useState("18:00");
  const [hours, setHours] = useState("1");
  const book = useBookForMember();
  const bays = location?.resources ?? [];
  return (
    <>
      <Button onClick={() => setOpen(true)}>Book for a member</Button>
      <Dialog open={open} onClose={() => setOpen(false)} className="relative z-50">
        <div className="fixed inset-0 bg-slate-900/50" aria-hidden="true" />
        <div className="fixed inset-0 flex items-center justify-center p-4">
          <DialogPanel className="w-full max-w-md space-y-3 rounded-2xl bg-white p-5 shadow-xl">
            <DialogTitle className="text-lg font-semibold">Book for a member</DialogTitle>
            {book.isSuccess && <Alert tone="success">Booked.</Alert>}
            {book.isError && <ErrorAlert error={book.error} />}
            <MemberPicker picked={member} onPick={setMember} />
            <SelectField
              label="Bay"
              value={bay}
              onChange={setBay}
              options={[
                { value: "", label: "Choose a bay" },
                ...bays.map((b) => ({ value: b.id, label: b.name })),
              ]}
            />
            <div className="grid grid-cols-3 gap-2">
              <TextField label="Day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
              <TextField
                label="Start"
                type="time"
                step={1800}
                value={time}
                onChange={(e) => setTime(e.target.value)}
              />
              <TextField
                label="Hours"
                type="number"
                min={1}
                max={4}
                step={0.5}
                value={hours}
                onChange={(e) => setHours(e.target.value)}
              />
            </div>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Close
              </Button>
              <Button
                disabled={!member || !bay}
                busy={book.isPending}
                onClick={() => {
                  if (!member) return;
                  const start = localToIso(day, time, tz);
                  const end = new Date(new Date(start).getTime() + Number(hours) * 3600_000).toISOString();
                  book.mutate({
                    resource_id: bay,
                    start,
                    end,
                    user_id: member.id,
                    source: "admin",
                    party_size: 1,
                  });
                }}
              >
                Book
              </Button>
            </div>
          </DialogPanel>
        </div>
      </Dialog>
    </>
  );
}
