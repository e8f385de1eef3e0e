"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";

interface Choices {
  template: string | null;
  models: string[];
  builtins: Array<{ name: string; label: string }>;
}

const OWN = "";

/** The training view's chat template: a model folder's own template, or a shipped one counted by its tokenizer. */
export function ChatTemplatePanel({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const choices = useQuery({
    queryKey: ["chat-template", slug],
    queryFn: () => apiFetch<Choices>(`/api/projects/${slug}/chat-template`),
  });
  const current = choices.data?.template ?? null;
  const parsed = current ? /^(?:builtin:([^+]+)\+)?folder:(.+)$/.exec(current) : null;
  const [model, setModel] = useState<string | null>(null);
  const [builtin, setBuiltin] = useState<string | null>(null);
  const shownModel = model ?? parsed?.[2] ?? choices.data?.models[0] ?? "";
  const shownBuiltin = builtin ?? parsed?.[1] ?? OWN;
  const save = useMutation({
    mutationFn: () =>
      apiFetch(`/api/projects/${slug}/chat-template`, {
        method: "PUT",
        json: { model: shownModel, builtin: shownBuiltin === OWN ? null : shownBuiltin },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["chat-template", slug] }),
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (shownModel) save.mutate();
  }

  return (
    <section aria-labelledby="tpl-h" data-testid="chat-template-panel">
      <h2 id="tpl-h" className="mb-1 text-base font-semibold">
        Training view
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        The chat template the trainer renders samples with. Now:{" "}
        <code className="font-mono">{choices.data ? (current ?? "none") : "…"}</code>. A model folder of the
        server&apos;s models folder gives the tokenizer (and its own <code className="font-mono">chat_template</code>
        ); a shipped template can replace the folder&apos;s. Saving counts every revision under it in the background.
      </p>
      {canEdit && choices.data && choices.data.models.length > 0 && (
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
          <Field label="Model folder">
            <Select value={shownModel} onChange={(e) => setModel(e.target.value)} data-testid="template-model">
              {choices.data.models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Template">
            <Select value={shownBuiltin} onChange={(e) => setBuiltin(e.target.value)} data-testid="template-builtin">
              <option value={OWN}>The folder&apos;s own chat_template</option>
              {choices.data.builtins.map((b) => (
                <option key={b.name} value={b.name}>
                  {b.label}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Checking…" : "Save and count"}
          </Button>
        </form>
      )}
      {canEdit && choices.data && choices.data.models.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No model folders on the server yet: copy a model&apos;s tokenizer folder into the models folder first.
        </p>
      )}
      {choices.error && <ErrorBox error={choices.error} retry={() => choices.refetch()} />}
      {save.error && (
        <div className="mt-3">
          <ErrorBox error={save.error} />
        </div>
      )}
      {save.isSuccess && (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
          Saved; counting every revision in the background.
        </p>
      )}
    </section>
  );
}
