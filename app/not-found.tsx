import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-24 max-w-md text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        This page or project does not exist, or you are not a member of it.
      </p>
      <Link href="/projects" className="mt-4 inline-block text-sm text-indigo-600 underline">
        Your projects
      </Link>
    </div>
  );
}
