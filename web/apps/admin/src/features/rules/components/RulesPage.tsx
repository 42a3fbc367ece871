import { ApiError } from "@booking/api-client";
import { Alert, Button, ErrorAlert, Loading, TextField, useSession } from "@booking/ui";
import { Switch } from "@headlessui/react";
import { useEffect, useState } from "react";
import { Card, Page, SelectField } from "../../../components/Page";
import { localToIso, todayIn } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { appliesAt } from "../../../lib/ruleScope";
import {
  type Rule,
  type RuleBody,
  useDryRun,
  useRuleProblems,
  useRules,
  useSaveRule,
  useSetRuleActive,
} from "../api/rules";

const BLANK: RuleBody = {
  name: "",
  description: "",
  scope: "all",
  scope_ref: null,
  condition: "true",
  action: { type: "deny", code: "CLOSED", message: "Closed for bookings" },
  priority: 100,
  active: true,
};

/** The CEL rules: list, enable/disable, edit with problems shown by the fields, and a dry run. */
export function RulesPage() {
  const rules = useRules();
  const session = useSession();
  const isAdmin = session?.role === "admin";
  const club = useCurrentLocation();
  const [everyClub, setEveryClub] = useState(false);
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const shown = (rules.data ?? []).filter((rule) => everyClub || !club || appliesAt(rule, club));
  return (
    <Page title="Rules" actions={isAdmin && <Button onClick={() => setEditing("new")}>New rule</Button>}>
      {rules.isError && <ErrorAlert error={rules.error} />}
      {rules.isPending && <Loading />}
      <Card>
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
          <p>
            {everyClub || !club
              ? `Every club's rules (${shown.length}).`
              : `The rules that apply at ${club.name} (${shown.length} of ${rules.data?.length ?? 0}).`}
          </p>
          {isAdmin && (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={everyClub} onChange={(e) => setEveryClub(e.target.checked)} />
              Show all rules
            </label>
          )}
        </div>
        <ul className="divide-y divide-slate-100">
          {shown.map((rule) => (
            <RuleRow key={rule.id} rule={rule} canEdit={isAdmin} onEdit={() => setEditing(rule)} />
          ))}
        </ul>
      </Card>
      {editing && (
        <RuleEditor
          key={editing === "new" ? "new" : editing.id}
          rule={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <DryRun />
    </Page>
  );
}

function RuleRow({ rule, canEdit, onEdit }: { rule: Rule; canEdit: boolean; onEdit: () => void }) {
  const toggle = useSetRuleActive();
  return (
    <li className="flex flex-wrap items-center gap-3 py-2">
      <Switch
        checked={rule.active}
        disabled={!canEdit || toggle.isPending}
        onChange={(active: boolean) => toggle.mutate({ id: rule.id, active })}
        aria-label={`${rule.name} ${rule.active ? "enabled" : "disabled"}`}
        className="group relative inline-flex h-7 w-12 shrink-0 rounded-full bg-slate-300 transition data-checked:bg-emerald-700 disabled:opacity-50"
      >
        <span className="size-5 translate-x-1 translate-y-1 rounded-full bg-white transition group-data-checked:translate-x-6" />
      </Switch>
      <div className="min-w-0 flex-1">
        <p className="font-medium">{rule.name}</p>
        <p className="truncate font-mono text-xs text-slate-600">
          {rule.condition} → {String(rule.action.type)}
          {rule.scope !== "all" ? ` · ${rule.scope} ${rule.scope_ref ?? ""}` : ""}
        </p>
      </div>
      {canEdit && (
        <Button variant="ghost" onClick={onEdit}>
          Edit
        </Button>
      )}
      {toggle.isError && <ErrorAlert error={toggle.error} />}
    </li>
  );
}

function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const details = error.details as { fields?: { field: string; message: string }[] } | undefined;
  return Object.fromEntries((details?.fields ?? []).map((f) => [f.field, f.message]));
}

function RuleEditor({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const [draft, setDraft] = useState<RuleBody>(() => {
    if (!rule) return BLANK;
    const { id: _id, ...fields } = rule;
    return { ...fields, scope: fields.scope as RuleBody["scope"] };
  });
  const [actionText, setActionText] = useState(JSON.stringify(draft.action, null, 2));
  const [actionJsonError, setActionJsonError] = useState<string | null>(null);
  const [checked, setChecked] = useState<RuleBody | null>(null);
  // Validate a moment after typing stops, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setChecked(draft), 400);
    return () => clearTimeout(timer);
  }, [draft]);
  const problems = useRuleProblems(checked);
  const save = useSaveRule();
  const inline: Record<string, string> = {
    ...Object.fromEntries((problems.data?.problems ?? []).map((p) => [p.field, p.message])),
    ...fieldErrors(save.error),
  };
  if (actionJsonError) inline.action = actionJsonError;
  const problem = (field: string) =>
    inline[field] ? (
      <p className="text-sm text-red-800" role="alert">
        {inline[field]}
      </p>
    ) : null;
  return (
    <Card title={rule ? `Edit “${rule.name}”` : "New rule"}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: rule?.id, body: draft }, { onSuccess: onDone });
        }}
      >
        <TextField
          label="Name"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        {problem("name")}
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Applies to"
            value={draft.scope ?? "all"}
            onChange={(scope) =>
              setDraft({
                ...draft,
                scope: scope as RuleBody["scope"],
                scope_ref: scope === "all" ? null : (draft.scope_ref ?? ""),
              })
            }
            options={[
              { value: "all", label: "Every bay" },
              { value: "location", label: "A club (id)" },
              { value: "resource_type", label: "A bay type" },
              { value: "resource", label: "One bay (id)" },
            ]}
          />
          <TextField
            label="Which (id or type)"
            value={draft.scope_ref ?? ""}
            disabled={draft.scope === "all"}
            onChange={(e) => setDraft({ ...draft, scope_ref: e.target.value })}
          />
          <TextField
            label="Priority"
            type="number"
            value={String(draft.priority ?? 100)}
            onChange={(e) => setDraft({ ...draft, priority: Number(e.target.value) })}
          />
        </div>
        {problem("scope_ref")}
        <label className="flex flex-col gap-1 text-sm font-medium">
          Condition (CEL)
          <textarea
            value={draft.condition ?? ""}
            onChange={(e) => setDraft({ ...draft, condition: e.target.value })}
            rows={2}
            className="rounded-lg border border-slate-400 p-2 font-mono text-sm"
            aria-invalid={inline.condition ? true : undefined}
          />
        </label>
        {problem("condition")}
        <label className="flex flex-col gap-1 text-sm font-medium">
          Action (JSON)
          <textarea
            value={actionText}
            onChange={(e) => {
              setActionText(e.target.value);
              try {
                setDraft({ ...draft, action: JSON.parse(e.target.value) as Record<string, unknown> });
                setActionJsonError(null);
              } catch {
                setActionJsonError("The action is not valid JSON");
              }
            }}
            rows={4}
            className="rounded-lg border border-slate-400 p-2 font-mono text-sm"
            aria-invalid={inline.action ? true : undefined}
          />
        </label>
        {problem("action")}
        {problems.data?.valid && !actionJsonError && <Alert tone="success">This rule is valid.</Alert>}
        {save.isError && Object.keys(fieldErrors(save.error)).length === 0 && (
          <ErrorAlert error={save.error} />
        )}
        <div className="flex gap-2">
          <Button type="submit" busy={save.isPending}>
            Save rule
          </Button>
          <Button variant="secondary" onClick={onDone}>
            Close
          </Button>
        </div>
      </form>
    </Card>
  );
}

function DryRun() {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const bays = location?.resources ?? [];
  const [member, setMember] = useState("");
  const [bay, setBay] = useState("");
  const [day, setDay] = useState(todayIn(tz));
  const [time, setTime] = useState("18:00");
  const [hours, setHours] = useState("1");
  const run = useDryRun();
  return (
    <Card title="Dry run">
      <form
        className="grid gap-3 sm:grid-cols-3 sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          const start = localToIso(day, time, tz);
          const end = new Date(new Date(start).getTime() + Number(hours) * 3600_000).toISOString();
          run.mutate({
            resource_id: bay,
            start,
            end,
            user_id: member.trim(),
            source: "admin",
            party_size: 1,
          });
        }}
      >
        <TextField label="Member id" value={member} onChange={(e) => setMember(e.target.value)} />
        <SelectField
          label="Bay"
          value={bay}
          onChange={setBay}
          options={[
            { value: "", label: "Choose a bay" },
            ...bays.map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
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
          min={0.5}
          step={0.5}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
        />
        <Button type="submit" busy={run.isPending} disabled={!bay || !member}>
          Check
        </Button>
      </form>
      {run.isError && <ErrorAlert error={run.error} />}
      {run.data && (
        <div className="mt-3 space-y-2" aria-live="polite">
          {run.data.allowed ? (
            <Alert tone="success" title="Allowed">
              Costs {run.data.credit_cost} credits (balance {run.data.balance}).
            </Alert>
          ) : (
            <Alert tone="warning" title="Refused">
              <ul className="list-disc pl-5">
                {run.data.reasons.map((r) => (
                  <li key={r.code}>
                    {r.message} <span className="font-mono text-xs">({r.code})</span>
                  </li>
                ))}
              </ul>
            </Alert>
          )}
        </div>
      )}
    </Card>
  );
}
