import { instanceRoute } from "@/lib/http/route";
import { PurgeParams as Params } from "@/lib/http/route-params";
import { PurgeSchema, purgePlan, purgeSecret } from "@/lib/curation/gate/purge";

/** What a purge of the finding's secret would rewrite, and the sentence that confirms it. */
export const GET = instanceRoute("instance.secret.purge", { params: Params }, async ({ params }) =>
  purgePlan(params.findingId),
);

/** Rewrites every older revision, the history and the kept original: irreversible, audited. */
export const POST = instanceRoute(
  "instance.secret.purge",
  { params: Params, body: PurgeSchema },
  async ({ params, body, actor }) => purgeSecret(params.findingId, body.confirm, actor.user.id),
);
