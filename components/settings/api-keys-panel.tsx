"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { ROLES, roleRank, type Role } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import type { ResponseOf } from "@/lib/http/json-of";
import type { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { DateTime } from "@/components/ui/date-time";
import { CopyButton } from "@/components/ui/copy-button";

// Types only: the responses are typed from the server functions that make them.
type Key = ResponseOf<typeof listApiKeys>[number];

export function ApiKeysPanel({ slug, role }: { slug: string; role: Role }) {
  const qc = useQueryClient();
  const key = ["api-keys", slug];
  const keys = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<{ apiKeys: Key[] }>(`/api/projects/${slug}/api-keys`),
  });
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; role: string }) =>
      apiFetch<{ apiKey: ResponseOf<typeof createApiKey> }>(`/api/projects/${slug}/api-keys`, {
        method: "POST",
        json: body,
      }),
    onSuccess: ({ apiKey }) => {
      setSecret(apiKey.secret);
      qc.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/projects/${slug}/api-keys/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });

  function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate({ name: String(form.get("name")), role: String(form.get("role")) });
    e.currentTarget.reset();
  }

  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h" className="mb-1 text-base font-semibold">
        API keys
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        For scripts, the CLI and recording agents. A key is shown once; it acts with its role and never more than yours.
      </p>
      {secret && (
        <div
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950"
          data-testid="new-api-key"
        >
          <div className="font-medium">Copy this key now; it will not be shown again.</div>
          <code className="mt-1 block break-all font-mono" data-testid="new-api-key-secret">
            {secret}
          </code>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <CopyButton text={secret} label="Copy key" testId="copy-api-key" />
            <Button variant="secondary" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
        </div>
      )}
      {keys.isPending && <Spinner />}
      {keys.error && <ErrorBox error={keys.error} retry={() => keys.refetch()} />}
      {keys.data && keys.data.apiKeys.length > 0 && (
        <table className="mb-4 w-full text-sm">
          <tbody>
            {keys.data.apiKeys.map((k) => (
              <tr key={k.id} className="border-b border-zinc-100 dark:border-zinc-800">
                <td className="py-2 font-medium">{k.name}</td>
                <td className="py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="py-2">
                  <Badge>{k.role}</Badge>
                </td>
                <td className="py-2 text-xs text-zinc-500">
                  {k.lastUsedAt ? (
                    <>
                      used <DateTime value={k.lastUsedAt} />
                    </>
                  ) : (
                    "never used"
                  )}
                </td>
                <td className="py-2 text-right">
                  {k.revokedAt ? (
                    <Badge tone="red">revoked</Badge>
                  ) : (
                    <Button
                      variant="ghost"
                      onClick={() =>
                        confirm(`Revoke the key "${k.name}"? Scripts using it stop working.`) && revoke.mutate(k.id)
                      }
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-3">
        <Field label="Key name">
          <Input name="name" required placeholder="recorder on ana's laptop" />
        </Field>
        <Field label="Role">
          <Select name="role" defaultValue="annotator">
            {ROLES.filter((r) => roleRank(r) <= roleRank(role)).map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={create.isPending}>
          Create key
        </Button>
        {create.error && <span className="text-sm text-red-600">{create.error.message}</span>}
      </form>
    </section>
  );
}
