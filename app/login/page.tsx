import { Suspense } from "react";
import { LoginForm } from "@/components/shell/login-form";

export default function LoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-xl font-semibold tracking-tight">LIMI Studio</h1>
        <p className="mb-5 mt-1 text-sm text-zinc-600 dark:text-zinc-400">Sign in to curate trajectories.</p>
        <Suspense>
          <LoginForm />
        </Suspense>
      </div>
    </main>
  );
}
