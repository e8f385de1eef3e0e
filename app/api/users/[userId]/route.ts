import { z } from "zod";
import { instanceRoute } from "@/lib/http/route";
import { setUserDisabled, UserStatusSchema } from "@/lib/users/manage-users";

/** Disable (ends every session and live connection at once) or enable an account. */
export const PATCH = instanceRoute(
  "instance.user.manage",
  { params: z.object({ userId: z.string().min(1).max(100) }), body: UserStatusSchema },
  async ({ actor, params, body }) => ({ user: await setUserDisabled(actor.user.id, params.userId, body.disabled) }),
);
