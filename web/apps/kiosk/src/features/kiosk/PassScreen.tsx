import { BigButton } from "./BigButton";

export interface ShownPass {
  resourceName: string;
  until: string;
  reply: string;
  qrSvg: string | null;
  expiresAt: string | null;
}

/** The API's QR SVG has a fixed pixel size: give it a viewBox so it fills its frame. */
export function scalable(svg: string): string {
  return svg.replace(
    /^<svg width="(\d+)" height="(\d+)"/,
    '<svg viewBox="0 0 $1 $2" width="100%" height="100%" role="img" aria-label="Door pass QR code"',
  );
}

/** The booking's door pass: the bay, until when, and the QR the door reader scans. */
export function PassScreen({ pass, onDone }: { pass: ShownPass; onDone: () => void }) {
  return (
    <div className="flex flex-1 flex-col items-center gap-12 px-20 py-14 text-center">
      <p className="text-4xl font-semibold text-emerald-800">You're all set</p>
      <h2 className="text-[7rem] leading-none font-black text-slate-900" data-testid="pass-bay">
        {pass.resourceName}
      </h2>
      <p className="text-5xl text-slate-700" data-testid="pass-reply">
        {pass.reply}
      </p>
      {pass.qrSvg ? (
        <figure className="rounded-[3rem] bg-white p-12 shadow-xl ring-1 ring-slate-200">
          <div
            data-testid="pass-qr"
            className="h-[720px] w-[720px]"
            // Our API's own QR (segno): no user input reaches this markup.
            dangerouslySetInnerHTML={{ __html: scalable(pass.qrSvg) }}
          />
          <figcaption className="mt-8 text-3xl text-slate-600">
            Hold this up to the bay door's reader
          </figcaption>
        </figure>
      ) : (
        <p className="text-4xl text-slate-700">This bay has no door lock: walk straight in.</p>
      )}
      <div className="mt-auto w-full">
        <BigButton onClick={onDone}>Done</BigButton>
      </div>
    </div>
  );
}
