/**
 * The label of a task kind or party, or the id itself for a pack's own kinds the catalogue does not know.
 *
 * @example
 * ```ts
 * labelOf(catalogueFor('zh-CN').taskKind, 'collectionNotice'); // '催收通知书'
 * labelOf(catalogueFor('zh-CN').taskKind, 'myOwnKind'); // 'myOwnKind'
 * ```
 */
export function labelOf(table: Readonly<Record<string, string>>, id: string): string {
  return Object.hasOwn(table, id) ? (table[id] as string) : id;
}
