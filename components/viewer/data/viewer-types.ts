/** Response shapes of the revision and annotation routes, as the browser sees them (dates are strings). */
import type { ParsedStep } from "@/lib/viewer/types";

export interface RevisionListItem {
  number: number;
  reason: string | null;
  createdAt: string;
  steps: number;
  author: { name: string; email: string } | null;
  ops: { updated: number; inserted: number; deleted: number; moved: number; revertedTo: number | null };
}

export interface RevisionsResponse {
  revisions: RevisionListItem[];
}

export interface SaveResponse {
  revision: { number: number; reason: string };
  warnings: string[];
}

export interface ConflictDetails {
  head: number;
  base: number;
  revisions: Array<{
    number: number;
    reason: string | null;
    author: { name: string; email: string } | null;
    createdAt: string;
    changedKeys: string[];
  }>;
}

export interface DiffChange {
  key: string;
  change: "updated" | "inserted" | "deleted" | "moved";
  fromIndex: number | null;
  toIndex: number | null;
  before: ParsedStep | null;
  after: ParsedStep | null;
}

export interface DiffResponse {
  from: number;
  to: number;
  summary: { updated: number; inserted: number; deleted: number; moved: number };
  changes: DiffChange[];
}

export interface AnnotationComment {
  id: string;
  body: string;
  createdAt: string;
  authorId: string | null;
  author: string | null;
}

export interface Annotation {
  id: string;
  stepKey: string;
  field: "text" | "output" | "arguments" | null;
  quote: string | null;
  start: number | null;
  end: number | null;
  label: string | null;
  status: "open" | "resolved";
  outdated: boolean;
  createdAt: string;
  updatedAt: string;
  authorId: string | null;
  author: string | null;
  comments: AnnotationComment[];
}

export interface AnnotationsResponse {
  labels: string[];
  annotations: Annotation[];
}

export interface Viewer {
  userId: string;
  name: string;
  stepKey: string | null;
  /** The step this person has open in the editor. */
  editingKey?: string | null;
}
