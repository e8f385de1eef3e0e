"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import {
  EMPTY_QUERY_FORM,
  validateQueryForm,
  type QueryBody,
  type QueryFormErrors,
} from "@/components/queries/query-form";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { ErrorBox } from "@/components/ui/states";
import { QueryFormFields } from "@/components/queries/query-form-fields";
import { queryKeys } from "@/components/queries/query-keys";
import { serverFieldErrors } from "@/components/queries/server-field-errors";
import type { QueryRow } from "@/components/queries/query-types";
import { useDomains } from "@/components/queries/use-domains";

/** Write a human query. A refused save keeps everything typed and says what to fix. */
export function NewQueryForm({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const router = useRouter();
  const domains = useDomains(slug);
  const list = domains.data?.domains ?? [];
  const [values, setValues] = useState({ ...EMPTY_QUERY_FORM });
  const [localErrors, setLocalErrors] = useState<QueryFormErrors>({});
  const create = useMutation({
    mutationFn: (body: QueryBody) =>
      apiFetch<{ query: QueryRow }>(`/api/projects/${slug}/queries`, { method: "POST", json: body }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: queryKeys.all(slug) });
      router.push(`/projects/${slug}/queries/${r.query.id}?created=1`);
    },
  });
  const server = serverFieldErrors(create.error);
  // The project's first domain is the default until the person edits the field (even to empty it).
  const [domainTouched, setDomainTouched] = useState(false);
  const shownDomain = domainTouched ? values.domain : values.domain || list[0] || "";

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const checked = validateQueryForm({ ...values, domain: shownDomain }, list);
    setLocalErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) create.mutate(checked.body);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="New query" noValidate>
      {server.general && <ErrorBox error={server.general} />}
      <QueryFormFields
        values={{ ...values, domain: shownDomain }}
        onChange={(v) => {
          if (v.domain !== shownDomain) setDomainTouched(true);
          setValues(v);
          setLocalErrors({});
          if (create.isError) create.reset();
        }}
        errors={{ ...server.fields, ...localErrors }}
        domains={list}
        disabled={create.isPending}
        autoFocus
      />
      <div className="flex justify-end gap-2">
        <LinkButton variant="secondary" href={`/projects/${slug}/queries`}>
          Cancel
        </LinkButton>
        <Button type="submit" disabled={create.isPending} data-testid="query-save">
          {create.isPending ? "Saving…" : "Create query"}
        </Button>
      </div>
    </form>
  );
}
