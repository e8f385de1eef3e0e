import { publicRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const dbCheck = await checkDatabase();
  return dbCheck.ok
    ? { status: "ok", db: "ok" }
    : withStatus(503, { status: "error", db: "error", reason: dbCheck.reason });
});
