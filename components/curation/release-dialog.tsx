"use client";
/** Lock the set as the next numbered release: notes, and an override reason when the target or a quota is not met exactly. */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";
import { curationApi, curationPath } from "@/components/curation/curation-api";

const AREA =
  "w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-zinc-700 dark:bg-zinc-900";

export function ReleaseDialog({
  slug,
  setId,
  version,
  unmet,
  onClose,
}: {
  slug: string;
  setId: string;
  version: number;
  unmet: string[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const qc = useQueryClient();
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const [notes, setNotes] = useState("");
  const [reason, setReason] = useState("");
  const release = useMutation({
    mutationFn: () =>
      apiFetch<{ release: { number: number; items: number } }>(curationApi(slug).release(setId), {
        method: "POST",
        json: { notes, expectedVersion: version, ...(unmet.length ? { override: { reason } } : {}) },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["curation", slug] }),
  });
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="release-h"
      data-testid="release-dialog"
      className="m-auto w-[min(36rem,95vw)] rounded-lg bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="release-h" className="mb-2 text-base font-semibold">
        Release this set
      </h2>
      {release.data ? (
        <div className="space-y-3 text-sm" data-testid="release-done">
          <p>
            Release #{release.data.release.number} is locked with {release.data.release.items} trajectories, each at its
            approved revision.
          </p>
          <Link
            className="text-indigo-700 underline dark:text-indigo-300"
            href={curationPath(slug, `/releases/${release.data.release.number}`)}
          >
            Open release #{release.data.release.number}
          </Link>
        </div>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            release.mutate();
          }}
        >
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            A release is immutable: it pins each item&apos;s approved revision, with you as approver, the notes, the
            checks&apos; result and the token rule. Open findings of the checks refuse it.
          </p>
          <Field label="Notes">
            <textarea
              className={AREA}
              rows={3}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              maxLength={10000}
            />
          </Field>
          {unmet.length > 0 && (
            <div className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
              <p>
                Not met exactly: {unmet.join("; ")}. Releasing anyway needs your reason (recorded in the audit log).
              </p>
              <Field label="Override reason">
                <textarea
                  className={AREA}
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  required
                  minLength={3}
                  data-testid="override-reason"
                />
              </Field>
            </div>
          )}
          {release.error && <ErrorBox error={release.error} />}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => ref.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={release.isPending} data-testid="release-submit">
              {release.isPending ? "Locking…" : unmet.length ? "Release with override" : "Release"}
            </Button>
          </div>
        </form>
      )}
      {release.data && (
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            Close
          </Button>
        </div>
      )}
    </dialog>
  );
}
