import type { VendorNote } from '../../vendors/vendor-error.js';

/**
 * How much of Debitsuccess's response notes reaches a client, in an error's extensions or in
 * `savePhone`'s billing notes: the vendor writes as many notes, as long, as it likes (8,000 made a
 * 344 kB answer), and the client needs the first few to act.
 */
export const CLIENT_NOTE_LIMITS = {
  /** Notes passed on, in the vendor's order; the rest are counted in `notesOmitted`. */
  count: 20,
  /** Characters of each note's `code` and `note` passed on; longer text is cut, ending in `…`. */
  textLength: 500,
} as const;

function cut(text: string): string {
  return text.length <= CLIENT_NOTE_LIMITS.textLength ? text : `${text.slice(0, CLIENT_NOTE_LIMITS.textLength - 1)}…`;
}

/** The first CLIENT_NOTE_LIMITS.count notes with their text cut to length, and how many were left out. */
export function notesForClient(notes: readonly VendorNote[]): { notes: VendorNote[]; notesOmitted: number } {
  const kept = notes.slice(0, CLIENT_NOTE_LIMITS.count).map((n) => ({ code: cut(n.code), note: cut(n.note), type: n.type }));
  return { notes: kept, notesOmitted: notes.length - kept.length };
}
