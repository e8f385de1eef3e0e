"use client";
import { ErrorBox } from "@/components/ui/states";

export default function ProjectError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorBox
      error={
        new Error(error.digest ? "Something went wrong on the server. Try again, or reload the page." : error.message)
      }
      retry={reset}
    />
  );
}
