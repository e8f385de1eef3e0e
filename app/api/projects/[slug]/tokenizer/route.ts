import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { changeProjectTokenizer, TokenizerChangeSchema, tokenizerChoices } from "@/lib/projects/project-tokenizer";

/** The tokenizers a project may choose: o200k_base and `hf:<model>` for each model folder. */
export const GET = projectRoute("project.read", {}, async () => tokenizerChoices());

/** Sets the project's tokenizer (by name) and queues the recount; answers 202 with the job to poll. */
export const PUT = projectRoute("project.update", { body: TokenizerChangeSchema }, async ({ project, actor, body }) =>
  withStatus(202, await changeProjectTokenizer(project.id, body.tokenizer, actor.user.id)),
);
