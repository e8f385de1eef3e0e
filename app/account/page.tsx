import { pageActor } from "@/lib/auth/page-access";
import { TopBar } from "@/components/shell/top-bar";
import { PasswordChangeForm } from "@/components/users/password-change-form";

export default async function AccountPage() {
  const actor = await pageActor("/account");
  return (
    <div className="mx-auto max-w-4xl p-6">
      <TopBar title="My account" email={actor.user.email} isAdmin={actor.user.isAdmin} />
      <dl className="mb-8 grid max-w-md grid-cols-[8rem_1fr] gap-y-1 text-sm">
        <dt className="text-zinc-500">Name</dt>
        <dd>{actor.user.name}</dd>
        <dt className="text-zinc-500">Email</dt>
        <dd className="font-mono">{actor.user.email}</dd>
        <dt className="text-zinc-500">Role</dt>
        <dd>{actor.user.isAdmin ? "Instance administrator" : "Member (roles are per project)"}</dd>
      </dl>
      <h2 className="mb-3 text-base font-semibold">Change password</h2>
      <PasswordChangeForm />
    </div>
  );
}
