import { redirect } from "next/navigation";
import { pageActor } from "@/lib/auth/page-access";

export default async function Home() {
  await pageActor("/projects");
  redirect("/projects");
}
