/** Creates a user account. Emails are stored lower-cased; a taken email is a clear conflict. */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db, type Tx } from "@/lib/db/client";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { Prisma } from "@/lib/db/generated/client";

export const NewUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("must be an email address"),
  password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(200),
  name: z.string().trim().min(1).max(120).optional(),
  isAdmin: z.boolean().default(false),
});
export type NewUser = z.input<typeof NewUserSchema>;

export async function createUser(input: NewUser, tx?: Tx) {
  const data = NewUserSchema.parse(input);
  try {
    return await (tx ?? db()).user.create({
      data: {
        email: data.email,
        name: data.name ?? data.email.split("@")[0],
        passwordHash: await hashPassword(data.password),
        isAdmin: data.isAdmin,
      },
      select: { id: true, email: true, name: true, isAdmin: true },
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", `a user with email ${data.email} already exists`, {
        location: { field: "email" },
      });
    }
    throw e;
  }
}

export async function findUserByEmail(email: string) {
  return db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, isAdmin: true, disabled: true },
  });
}
