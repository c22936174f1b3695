/**
 * Accent- and case-insensitive text for search. SQLite (as better-sqlite3 ships it) has no ICU:
 * its LOWER/LIKE fold ASCII only, so "SÃO PAULO" is folded here in JS, both when a row is written
 * and when a query arrives, and the database compares plain folded strings.
 */
export const foldText = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The folded search text of a record: its parts joined by a separator no query term contains. */
export const searchText = (parts: ReadonlyArray<string | null | undefined>): string =>
  parts
    .map((p) => foldText(p ?? ''))
    .filter((p) => p !== '')
    .join(' | ');

/** Query terms: every term must appear (so "maria sao paulo" finds Maria in São Paulo). */
export const searchTerms = (query: string): string[] =>
  foldText(query)
    .split(' ')
    .filter((t) => t !== '' && t !== '|');

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards taken literally (ESCAPE '\'). */
export const containsPattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
