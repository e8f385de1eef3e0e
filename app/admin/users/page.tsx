import { pageActor } from "@/lib/auth/page-access";
import { TopBar } from "@/components/shell/top-bar";
import { EmptyState } from "@/components/ui/states";
import { UserAdmin } from "@/components/users/user-admin";

/** Instance admins only; the API (instance.user.manage) is the check, this page only says so early. */
export default async function UsersPage() {
  const actor = await pageActor("/admin/users");
  return (
    <div className="mx-auto max-w-5xl p-6">
      <TopBar title="Users" email={actor.user.email} isAdmin={actor.user.isAdmin} />
      {actor.user.isAdmin ? (
        <>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            Every account of this instance. Disabling signs the person out everywhere at once; a password reset ends
            their sessions. Accounts are added to projects in each project&apos;s Settings, or with{" "}
            <code className="font-mono">limi user create</code>.
          </p>
          <UserAdmin selfId={actor.user.id} />
        </>
      ) : (
        <div data-testid="forbidden">
          <EmptyState title="For instance administrators">
            Only instance administrators manage user accounts. You can change your own password under My account.
          </EmptyState>
        </div>
      )}
    </div>
  );
}
