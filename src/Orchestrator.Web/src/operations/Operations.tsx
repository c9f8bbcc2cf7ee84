import type { Me } from '../api'
import { hashQuery } from '../navigation'
import { InstanceDetail } from './InstanceDetail'
import { InstanceList } from './InstanceList'
import './operations.css'

/**
 * Operations: the instance list with its filters in the hash (`#/operations?process=…&state=…&incidents=true&businessKey=…&from=…&to=…`)
 * and one instance (`#/operations/<processInstanceKey>`).
 */
export function Operations({ path }: { me: Me; path: string[] }) {
  return path[0] ? <InstanceDetail processInstanceKey={path[0]} /> : <InstanceList query={hashQuery(window.location.hash).toString()} />
}
