/** The credentials check behind sign-in. The same message for an unknown email and a wrong password. */
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";

export async function verifyCredentials(email: string, password: string) {
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    // The hash is omitted by default (lib/db/client.ts); asked for by name here, the one place it is needed.
    select: { id: true, email: true, name: true, disabled: true, sessionVersion: true, passwordHash: true },
  });
  // Hash anyway when the user is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA");
  if (!user || user.disabled || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
