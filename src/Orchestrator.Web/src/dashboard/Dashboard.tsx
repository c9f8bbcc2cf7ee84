import type { Me } from '../api'

/** The dashboard page. */
export function Dashboard(_: { me: Me }) {
  return <main className="dashboard"><h1>Dashboard</h1></main>
}
