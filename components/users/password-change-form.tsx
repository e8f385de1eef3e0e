"use client";
/** "My account": change one's own password. Every session ends, so the page signs in again afterwards. */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";

export function PasswordChangeForm() {
  const router = useRouter();
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiFetch("/api/me/password", { method: "PUT", json: body }),
    onSuccess: () => {
      router.replace("/login?error=PasswordChanged");
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const newPassword = String(f.get("newPassword") ?? "");
    if (newPassword !== String(f.get("repeat") ?? "")) return setMismatch(true);
    setMismatch(false);
    change.mutate({ currentPassword: String(f.get("currentPassword") ?? ""), newPassword });
  }

  const field = change.error instanceof ApiError ? change.error.field : undefined;
  return (
    <form onSubmit={onSubmit} className="max-w-sm space-y-4" data-testid="password-change-form">
      <Field label="Current password" error={field === "currentPassword" ? change.error?.message : undefined}>
        <Input name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field
        label="New password (8 characters or more)"
        error={field === "newPassword" ? change.error?.message : undefined}
      >
        <Input name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
      </Field>
      <Field label="New password again" error={mismatch ? "the two new passwords differ" : undefined}>
        <Input name="repeat" type="password" autoComplete="new-password" minLength={8} required />
      </Field>
      {change.error && !field && <ErrorBox error={change.error} />}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Changing it signs you out everywhere, this browser too; sign in again with the new password.
      </p>
      <Button type="submit" disabled={change.isPending}>
        {change.isPending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
