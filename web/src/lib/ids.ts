/** The first 8 characters of a UUID: enough to tell runs apart on a page. */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8);
}
