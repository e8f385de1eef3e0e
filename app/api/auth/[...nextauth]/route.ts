// next-auth's own endpoints (sign-in, sign-out, session, csrf). Public by nature; the matrix test
// lists this file as the one route not built with lib/http/route.ts.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, { params: await ctx.params } as never, authOptions());
}

export { handler as GET, handler as POST };
