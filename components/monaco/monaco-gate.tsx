"use client";
/** Renders its children once Monaco is loaded; until then a spinner of the editor's height, or the load error. */
import type { ReactNode } from "react";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { useMonaco } from "@/components/monaco/use-monaco";

export function MonacoGate({
  height,
  label,
  children,
}: {
  height: number | string;
  label: string;
  children: ReactNode;
}) {
  const { monaco, error } = useMonaco();
  if (error) return <ErrorBox error={new Error(`The editor could not load: ${error.message}`)} />;
  if (!monaco) {
    return (
      <div style={{ height }} className="flex items-center justify-center">
        <Spinner label={label} />
      </div>
    );
  }
  return <>{children}</>;
}
