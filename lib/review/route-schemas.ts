/** Request schemas of the review routes that have no service schema of their own. */
import { z } from "zod";
import { TrajectoryParams } from "@/lib/http/route-params";

export { TrajectoryParams };
export const ClaimQuery = z.object({ claimId: z.string().min(1).max(64) });
