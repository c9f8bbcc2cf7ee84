import type { Me } from '../api'

/** The designer page; `path` is what follows `#/designer/` in the location. */
export function Designer({ path }: { me: Me; path: string[] }) {
  return <main className="designer"><h1>Designer</h1><p>{path.join('/')}</p></main>
}
