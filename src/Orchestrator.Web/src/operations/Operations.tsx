import type { Me } from '../api'

/** The operations page; `path` is what follows `#/operations/` in the location. */
export function Operations({ path }: { me: Me; path: string[] }) {
  return <main className="operations"><h1>Operations</h1><p>{path.join('/')}</p></main>
}
