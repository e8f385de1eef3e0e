import { z } from "zod";
import { instanceRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { PasswordResetSchema, resetPassword } from "@/lib/users/manage-users";

/** Sets a new password for an account and ends its sessions. */
export const POST = instanceRoute(
  "instance.user.manage",
  { params: z.object({ userId: z.string().min(1).max(100) }), body: PasswordResetSchema },
  async ({ actor, params, body }) => {
    await resetPassword(actor.user.id, params.userId, body.password);
    return withStatus(204, null);
  },
);
