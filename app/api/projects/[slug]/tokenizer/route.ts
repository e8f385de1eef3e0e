import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { changeProjectTokenizer, TokenizerChangeSchema } from "@/lib/projects/project-tokenizer";

/** Sets the project's tokenizer and queues the recount; answers 202 with the job to poll. */
export const PUT = projectRoute("project.update", { body: TokenizerChangeSchema }, async ({ project, actor, body }) =>
  withStatus(202, await changeProjectTokenizer(project.id, body.tokenizer, actor.user.id)),
);
