import { useTranslation } from 'react-i18next'
import type { Versioned } from './designer'

/**
 * Deployed processes or forms: each opens at its newest version, or at the version picked beside it; with `onUndeploy`
 * (for users who may undeploy) each has an Undeploy button.
 */
export function VersionList<T extends { version: number }>({ title, groups, keyOf, onOpen, onCreate, onUndeploy, createLabel }: {
  title: string
  groups: Versioned<T>[]
  keyOf: (version: T) => string
  onOpen: (version: T) => void
  onCreate: () => void
  onUndeploy?: (group: Versioned<T>) => void
  createLabel: string
}) {
  const { t } = useTranslation('designer')
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {groups.map((g) => (
          <li key={g.id}>
            <button className="link" onClick={() => onOpen(g.latest)}>{g.name}</button>
            <select aria-label={t('list.versionOf', { name: g.name })} value="" onChange={(e) => onOpen(g.versions.find((v) => keyOf(v) === e.target.value)!)}>
              <option value="">{t('list.latest', { version: g.latest.version })}</option>
              {g.versions.map((v) => <option key={keyOf(v)} value={keyOf(v)}>{t('list.version', { version: v.version })}</option>)}
            </select>
            {onUndeploy && <button className="undeploy" aria-label={t('undeploy.open', { name: g.name })} title={t('undeploy.open', { name: g.name })} onClick={() => onUndeploy(g)}>×</button>}
          </li>
        ))}
      </ul>
      <button onClick={onCreate}>{createLabel}</button>
    </section>
  )
}
