import { instanceRoute } from "@/lib/http/route";
import { listUsers, UserListQuerySchema } from "@/lib/users/manage-users";

/** Every account, for instance admins: search, filter by status, cursor pages. */
export const GET = instanceRoute("instance.user.manage", { query: UserListQuerySchema }, async ({ query }) =>
  listUsers(query),
);
