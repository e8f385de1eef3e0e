/**
 * The modules that define background jobs (each calls `defineJob` from lib/jobs when loaded).
 * The server imports this list before it starts the job worker, so every kind has its workers;
 * lib/jobs itself never imports a domain. A new job kind adds its module here.
 */
import "@/lib/tokens/recount-job";
import "@/lib/queries/synthesis/synthesis-runs";
import "@/lib/import/reparse/reparse-job";
import "@/lib/export/export-job";
import "@/lib/export/training-view/template-count-job";
