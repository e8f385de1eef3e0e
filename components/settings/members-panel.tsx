"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import { ROLES } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ErrorBox, Spinner } from "@/components/ui/states";
import type { ResponseOf } from "@/lib/http/json-of";
import type { listMembers } from "@/lib/projects/members";

// Types only: the list is typed from the server function that makes it.
type Member = ResponseOf<typeof listMembers>[number];

export function MembersPanel({ slug, canManage, selfId }: { slug: string; canManage: boolean; selfId: string }) {
  const qc = useQueryClient();
  const key = ["members", slug];
  const members = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<{ members: Member[] }>(`/api/projects/${slug}/members`),
  });
  const invalidate = () => qc.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (body: Record<string, string>) =>
      apiFetch(`/api/projects/${slug}/members`, { method: "POST", json: body }),
    onSuccess: invalidate,
  });
  const change = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: string }) =>
      apiFetch(`/api/projects/${slug}/members/${userId}`, { method: "PATCH", json: { role } }),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => apiFetch(`/api/projects/${slug}/members/${userId}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
  const [needsAccount, setNeedsAccount] = useState(false);
  const addErr = add.error instanceof ApiError ? add.error : null;

  function onAdd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const body = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v !== "")) as Record<
      string,
      string
    >;
    add.mutate(body, {
      onSuccess: () => {
        form.reset();
        setNeedsAccount(false);
      },
      onError: (err) => {
        if (err instanceof ApiError && err.field === "password") setNeedsAccount(true);
      },
    });
  }

  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h" className="mb-3 text-base font-semibold">
        Members
      </h2>
      {members.isPending && <Spinner />}
      {members.error && <ErrorBox error={members.error} retry={() => members.refetch()} />}
      {(change.error || remove.error) && <ErrorBox error={change.error ?? remove.error} />}
      {members.data && (
        <table className="mb-4 w-full text-sm" data-testid="members-table">
          <tbody>
            {members.data.members.map((m) => (
              <tr key={m.id} className="border-b border-zinc-100 dark:border-zinc-800">
                <td className="py-2">
                  <div className="font-medium">{m.user.name}</div>
                  <div className="text-xs text-zinc-500">{m.user.email}</div>
                </td>
                <td className="py-2">
                  {canManage ? (
                    <Select
                      aria-label={`Role of ${m.user.email}`}
                      value={m.role}
                      onChange={(e) => change.mutate({ userId: m.user.id, role: e.target.value })}
                      className="w-36"
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </Select>
                  ) : (
                    m.role
                  )}
                </td>
                <td className="py-2 text-right">
                  {canManage && m.user.id !== selfId && (
                    <Button
                      variant="ghost"
                      onClick={() => confirm(`Remove ${m.user.email} from the project?`) && remove.mutate(m.user.id)}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && (
        <form
          onSubmit={onAdd}
          className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-900"
          data-testid="add-member-form"
        >
          <Field label="Email" error={addErr?.field === "email" ? addErr.message : undefined}>
            <Input name="email" type="email" required />
          </Field>
          <Field label="Role">
            <Select name="role" defaultValue="annotator">
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
          </Field>
          {needsAccount && (
            <>
              <Field label="Name (new account)">
                <Input name="name" required />
              </Field>
              <Field label="Initial password" error={addErr?.field === "password" ? addErr.message : undefined}>
                <Input name="password" type="password" minLength={8} required />
              </Field>
            </>
          )}
          <div className="flex items-end sm:col-span-4">
            <Button type="submit" disabled={add.isPending}>
              {add.isPending ? "Adding…" : "Add member"}
            </Button>
            {add.error && !addErr?.field && <span className="ml-3 text-sm text-red-600">{add.error.message}</span>}
            {needsAccount && addErr?.field === "password" && (
              <span className="ml-3 text-sm text-zinc-600 dark:text-zinc-400">
                No account has this email: give a name and an initial password.
              </span>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
