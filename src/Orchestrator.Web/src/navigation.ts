// Which pages a signed-in user sees, by role, and the page a location hash names.

export type Page = 'tasks' | 'designer' | 'operations' | 'dashboard'

const pagesByRole: Record<string, Page[]> = {
  admin: ['tasks', 'designer', 'operations', 'dashboard'],
  'process-owner': ['designer', 'dashboard'],
  agent: ['tasks', 'dashboard'],
  operator: ['operations', 'dashboard'],
}

const order: Page[] = ['tasks', 'designer', 'operations', 'dashboard']

/** The pages these roles may open, in menu order; a user with no UI role sees the dashboard only. */
export function pagesFor(roles: string[]): Page[] {
  const allowed = new Set(roles.flatMap((r) => pagesByRole[r] ?? []))
  return allowed.size === 0 ? ['dashboard'] : order.filter((p) => allowed.has(p))
}

/** The page and the rest of the path of a hash such as `#/operations/2251799813685281` or `#/tasks?group=x`; the first allowed page when the hash names none of them. */
export function route(hash: string, allowed: Page[]): { page: Page; rest: string[] } {
  // A query (`#/tasks?group=…`) is the page's to read; it names no page.
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('?')[0].split('/').filter((s) => s.length > 0).map(decodeURIComponent)
  const page = allowed.find((p) => p === first)
  return page ? { page, rest } : { page: allowed[0], rest: [] }
}

/** The hash that opens a page (and, optionally, something on it). */
export function link(page: Page, ...rest: string[]): string {
  return `#/${[page, ...rest.map(encodeURIComponent)].join('/')}`
}

/** The `?query` part of a hash such as `#/operations?state=ACTIVE` (empty when there is none). */
export function hashQuery(hash: string): URLSearchParams {
  const at = hash.indexOf('?')
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1))
}
