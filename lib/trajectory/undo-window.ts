/** How long a deleted trajectory can be restored (the server refuses later; the list's Undo says so). */
export const UNDO_WINDOW_MS = 10 * 60_000;
export const UNDO_WINDOW_MINUTES = UNDO_WINDOW_MS / 60_000;
