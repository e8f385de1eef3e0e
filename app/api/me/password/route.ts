import { userRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { changeOwnPassword, PasswordChangeSchema } from "@/lib/users/manage-users";

/** Changes the caller's own password (the current one is required) and ends all their sessions. */
export const PUT = userRoute({ body: PasswordChangeSchema }, async ({ actor, body }) => {
  await changeOwnPassword(actor.user.id, body);
  return withStatus(204, null);
});
