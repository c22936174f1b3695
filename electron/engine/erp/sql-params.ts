/**
 * Mapping statements are written with named parameters (`:name`, `@name`, `$name`) whatever the
 * database; each driver needs its own placeholder. This turns one into the other, skipping string
 * literals, quoted identifiers, comments and PostgreSQL casts (`::text`), so a value is always
 * bound by the driver and never becomes SQL text.
 */
import type { SqlParams, SqlValue } from './sql.ts';

/** `named` keeps the text (SQLite binds names itself); `dollar` is `$1` (PostgreSQL); `question` is `?`. */
export type PlaceholderStyle = 'named' | 'dollar' | 'question';

// Alternatives in order: literals/identifiers/comments (kept), `::` casts (kept), a parameter.
const TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|--[^\n]*|\/\*[\s\S]*?\*\/|::|[:@$]([A-Za-z_]\w*)/g;

export interface CompiledStatement {
  text: string;
  values: SqlValue[];
}

/**
 * Replaces every parameter that `params` names; a name it does not hold is left alone (a MySQL
 * `@variable`, for instance). The statements Ponte runs are checked against the accepted names
 * when the mapping is loaded, so a typo is refused there, not silently sent.
 */
export const compileParams = (sql: string, params: SqlParams, style: PlaceholderStyle): CompiledStatement => {
  if (style === 'named') return { text: sql, values: [] };
  const values: SqlValue[] = [];
  const positions = new Map<string, number>();
  const text = sql.replace(TOKEN, (token: string, name: string | undefined) => {
    if (!name || !Object.hasOwn(params, name)) return token;
    if (style === 'dollar') {
      let position = positions.get(name);
      if (position === undefined) {
        values.push(params[name]!);
        position = values.length;
        positions.set(name, position);
      }
      return `$${position}`;
    }
    values.push(params[name]!);
    return '?';
  });
  return { text, values };
};
