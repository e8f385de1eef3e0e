"use client";
/**
 * Instance admins' user list: search, a status filter, cursor pages, and per user disable/enable
 * (disabling signs the person out everywhere at once) and a password reset. The server decides
 * who may do this (instance.user.manage); this page is only its face.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";

interface UserRow {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
  projects: number;
}

type Pending = { kind: "disable" | "enable"; user: UserRow } | { kind: "reset"; user: UserRow } | null;

export function UserAdmin({ selfId }: { selfId: string }) {
  const qc = useQueryClient();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<"all" | "enabled" | "disabled">("all");
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const params = new URLSearchParams({
    status,
    take: "50",
    ...(search ? { q: search } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const list = useQuery({
    queryKey: ["users", status, search, cursor],
    queryFn: () => apiFetch<{ users: UserRow[]; nextCursor: string | null }>(`/api/users?${params}`),
  });
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (p: { user: UserRow; disabled: boolean }) =>
      apiFetch<{ user: UserRow }>(`/api/users/${p.user.id}`, { method: "PATCH", json: { disabled: p.disabled } }),
    onSuccess: (r) => {
      setPending(null);
      setNotice(
        r.user.disabled ? `${r.user.email} is disabled and signed out everywhere.` : `${r.user.email} is enabled.`,
      );
      qc.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const reset = useMutation({
    mutationFn: (p: { user: UserRow; password: string }) =>
      apiFetch(`/api/users/${p.user.id}/password`, { method: "POST", json: { password: p.password } }),
    onSuccess: (_r, p) => {
      setPending(null);
      setNotice(`The password of ${p.user.email} is reset; their sessions have ended. Tell them the new one.`);
    },
  });

  function onSearch(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSearch(String(new FormData(e.currentTarget).get("q") ?? "").trim());
    setCursors([]);
  }

  return (
    <section aria-labelledby="users-h">
      <h2 id="users-h" className="sr-only">
        Users
      </h2>
      <form onSubmit={onSearch} className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <Field label="Search email or name">
          <Input
            name="q"
            defaultValue={search}
            placeholder="ana@lab.org"
            className="min-w-64"
            data-testid="user-search"
          />
        </Field>
        <Field label="Status">
          <Select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              setCursors([]);
            }}
            data-testid="user-status"
          >
            <option value="all">All</option>
            <option value="enabled">Enabled</option>
            <option value="disabled">Disabled</option>
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {notice && (
        <p
          role="status"
          className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {notice}
        </p>
      )}
      {(toggle.error || reset.error) && !pending && (
        <div className="mb-3">
          <ErrorBox error={toggle.error ?? reset.error} />
        </div>
      )}
      {list.isPending && <Spinner label="Loading users" />}
      {list.error && <ErrorBox error={list.error} retry={() => list.refetch()} />}
      {list.data && list.data.users.length === 0 && (
        <EmptyState title="No users match">Change the search or the status filter.</EmptyState>
      )}
      {list.data && list.data.users.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-sm" data-testid="user-table">
            <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900">
              <tr>
                <th className="px-3 py-2">Email</th>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Projects</th>
                <th className="px-3 py-2 text-right">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.users.map((u) => (
                <tr
                  key={u.id}
                  className="border-t border-zinc-200 dark:border-zinc-800"
                  data-testid={`user-row-${u.email}`}
                >
                  <td className="px-3 py-2 font-mono text-xs">
                    {u.email} {u.isAdmin && <Badge>instance admin</Badge>}
                  </td>
                  <td className="px-3 py-2">{u.name}</td>
                  <td className="px-3 py-2">
                    {u.disabled ? (
                      <span className="font-medium text-red-700 dark:text-red-400">Disabled</span>
                    ) : (
                      <span className="text-emerald-700 dark:text-emerald-400">Enabled</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{u.projects}</td>
                  <td className="space-x-2 whitespace-nowrap px-3 py-2 text-right">
                    <Button variant="secondary" onClick={() => setPending({ kind: "reset", user: u })}>
                      Reset password
                    </Button>
                    {u.disabled ? (
                      <Button variant="secondary" onClick={() => setPending({ kind: "enable", user: u })}>
                        Enable
                      </Button>
                    ) : (
                      <Button
                        variant="danger"
                        disabled={u.id === selfId}
                        title={u.id === selfId ? "You cannot disable your own account" : undefined}
                        onClick={() => setPending({ kind: "disable", user: u })}
                      >
                        Disable
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && (cursors.length > 0 || list.data.nextCursor) && (
        <div className="mt-3 flex justify-end gap-2">
          <Button variant="secondary" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Previous
          </Button>
          <Button
            variant="secondary"
            disabled={!list.data.nextCursor}
            onClick={() => list.data?.nextCursor && setCursors((c) => [...c, list.data.nextCursor as string])}
          >
            Next
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={pending?.kind === "disable" || pending?.kind === "enable"}
        title={pending?.kind === "disable" ? `Disable ${pending.user.email}?` : `Enable ${pending?.user.email}?`}
        confirmLabel={pending?.kind === "disable" ? "Disable and sign out" : "Enable"}
        tone={pending?.kind === "disable" ? "danger" : "primary"}
        busy={toggle.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() =>
          pending &&
          pending.kind !== "reset" &&
          toggle.mutate({ user: pending.user, disabled: pending.kind === "disable" })
        }
        testId="user-toggle-dialog"
      >
        {pending?.kind === "disable"
          ? "They are signed out everywhere at once (pages, API calls and live connections) and cannot sign in until enabled. Their API keys stop working too."
          : "They can sign in again with their password. Sessions that ended stay ended."}
        {toggle.error && (
          <div className="mt-3">
            <ErrorBox error={toggle.error} />
          </div>
        )}
      </ConfirmDialog>
      {pending?.kind === "reset" && (
        <ResetPasswordDialog
          user={pending.user}
          busy={reset.isPending}
          error={reset.error}
          onCancel={() => setPending(null)}
          onSubmit={(password) => reset.mutate({ user: pending.user, password })}
        />
      )}
    </section>
  );
}

function ResetPasswordDialog({
  user,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  user: UserRow;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (password: string) => void;
}) {
  const [password, setPassword] = useState("");
  return (
    <ConfirmDialog
      open
      title={`Reset the password of ${user.email}`}
      confirmLabel="Set password"
      busy={busy || password.length < 8}
      onCancel={onCancel}
      onConfirm={() => onSubmit(password)}
      testId="reset-password-dialog"
    >
      <p className="mb-3">Their sessions end at once; they sign in with the new password.</p>
      <Field label="New password (8 characters or more)">
        <Input
          type="text"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="reset-password-input"
        />
      </Field>
      {error ? (
        <div className="mt-3">
          <ErrorBox error={error} />
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
