import type { Me } from '../api'
import { InstanceDetail } from './InstanceDetail'
import { InstanceList } from './InstanceList'
import './operations.css'

/** Operations: the instance list (`#/operations`) and one instance (`#/operations/<processInstanceKey>`). */
export function Operations({ path }: { me: Me; path: string[] }) {
  return path[0] ? <InstanceDetail processInstanceKey={path[0]} /> : <InstanceList />
}
