import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { MembersPanel } from "@/components/settings/members-panel";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { TokenizerPanel } from "@/components/settings/tokenizer-panel";
import { ReparsePanel } from "@/components/settings/reparse-panel";
import { ChatTemplatePanel } from "@/components/settings/chat-template-panel";

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "apikey.manage", `/projects/${slug}/settings`);
  if ("forbidden" in access) return <Forbidden what="project settings" />;
  return (
    <>
      <PageHeader
        title="Settings"
        description={`Members, roles, API keys, tokenizer, training view and re-parsing of ${access.project.name}.`}
      />
      <div className="space-y-8">
        <MembersPanel slug={slug} canManage={access.allowed.includes("member.manage")} selfId={access.actor.user.id} />
        <ApiKeysPanel slug={slug} role={access.role} />
        <TokenizerPanel slug={slug} canEdit={access.allowed.includes("project.update")} />
        <ChatTemplatePanel slug={slug} canEdit={access.allowed.includes("project.update")} />
        {access.allowed.includes("trajectory.reparse") && <ReparsePanel slug={slug} />}
      </div>
    </>
  );
}
