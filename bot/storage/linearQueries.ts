/**
 * Makes the embedded server's queries linear in the container size. @zeit/cosmosdb-query (under
 * @vercel/cosmosdb-server) compiles `FROM c` into `reduce(($, c) => [...$, { c }], [])`, which
 * copies the growing array once per document: quadratic, about 2 s per services search with
 * 10,000 referrals and more than a minute with 100,000. We rewrite that one pattern in the compiled
 * code into filter + map, which yields the same rows in the same order.
 */
import Items from '@vercel/cosmosdb-server/lib/account/items';

const QUADRATIC_FROM = /\.reduce\(\(\$, (\w+)\) => typeof \1 !== "undefined" \? \[\.\.\.\$, \{\s*\1: \1\s*\}\] : \$, \[\]\)/g;

let installed = false;

/** The compiled query code with every quadratic FROM rewritten (exported for its test). */
export function linearCode(code: string): string {
  return code.replace(QUADRATIC_FROM, (_match, name: string) => `.filter(($v) => typeof $v !== "undefined").map((${name}) => ({ ${name}: ${name} }))`);
}

export function installLinearQueries(): void {
  if (installed) return;
  installed = true;
  const proto = Items.prototype as unknown as { _getQuery(this: unknown, sql: string): { code: string } };
  const getQuery = proto._getQuery;
  proto._getQuery = function (this: unknown, sql: string) {
    const query = getQuery.call(this, sql);
    if (!Object.prototype.hasOwnProperty.call(query, 'code')) {
      // An own property shadows the library's lazy getter; cached queries keep it.
      Object.defineProperty(query, 'code', { value: linearCode(query.code), enumerable: true });
    }
    return query;
  };
}
