import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldParts, typeWords, type ElementSummary, type FieldChange, type ModelDiff } from './diff'

/** A modal dialog: its first button takes the focus, Escape cancels. */
export function Dialog({ title, children, onCancel, actions }: { title: string; children: ReactNode; onCancel: () => void; actions: ReactNode }) {
  const id = useId()
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    box.current?.querySelector<HTMLButtonElement>('.dialog-actions button')?.focus()
  }, [])
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={id} ref={box} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h2 id={id}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  )
}

/** An element as people read it: its name (or id) and its type. */
function useElementWords() {
  const { t } = useTranslation('designer')
  const typeOf = (type: string) => t(`types.${type.replace(/^\w+:/, '')}`, { defaultValue: typeWords(type) })
  const element = (e: ElementSummary) => t('diff.element', { name: e.name ?? e.id, type: typeOf(e.type) })
  const field = (key: string) => {
    const [kind, name] = fieldParts(key)
    return name === undefined ? t(`fields.${kind}`, { defaultValue: kind }) : t(`fields.${kind}`, { name, defaultValue: `${kind} ${name}` })
  }
  const value = (v: string | undefined, kind: string) => (v === undefined ? t('diff.none') : kind === 'type' ? typeOf(v) : v)
  return { t, element, field, value }
}

/** One element's changed values: each as "field: before → after". */
export function Changes({ changes }: { changes: FieldChange[] }) {
  const { field, value } = useElementWords()
  return (
    <ul className="changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="field">{field(c.field)}</span>: <del>{value(c.before, c.field)}</del> → <ins>{value(c.after, c.field)}</ins>
        </li>
      ))}
    </ul>
  )
}

/** What a deployment changes against the deployed version, to confirm or to go back to editing. */
export function DeployDialog({ subject, latestVersion, diff, unchanged, onConfirm, onCancel }: {
  subject: string
  /** The deployed version compared with, or undefined for a first deployment. */
  latestVersion?: number
  /** What changes, element by element; without it only whether anything does (`unchanged`). */
  diff?: ModelDiff
  unchanged?: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t, element } = useElementWords()
  const empty = diff ? diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 : unchanged === true
  return (
    <Dialog
      title={t('deploy.title', { subject })}
      onCancel={onCancel}
      actions={<>
        <button className="primary" onClick={onConfirm}>{t('toolbar.deploy')}</button>
        <button onClick={onCancel}>{t('deploy.cancel')}</button>
      </>}
    >
      {latestVersion === undefined && <p>{t('deploy.first')}</p>}
      {latestVersion !== undefined && <p>{t(empty ? 'deploy.unchanged' : diff ? 'deploy.against' : 'deploy.replaces', { version: latestVersion })}</p>}
      {diff && diff.added.length > 0 && (
        <section aria-label={t('deploy.added')}>
          <h3>{t('deploy.added')}</h3>
          <ul>{diff.added.map((e) => <li key={e.id}>{element(e)}</li>)}</ul>
        </section>
      )}
      {diff && diff.removed.length > 0 && (
        <section aria-label={t('deploy.removed')}>
          <h3>{t('deploy.removed')}</h3>
          <ul>{diff.removed.map((e) => <li key={e.id}>{element(e)}</li>)}</ul>
        </section>
      )}
      {diff && diff.changed.length > 0 && (
        <section aria-label={t('deploy.changed')}>
          <h3>{t('deploy.changed')}</h3>
          <ul>
            {diff.changed.map((c) => (
              <li key={c.after.id}>{element(c.after)}<Changes changes={c.changes} /></li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  )
}

/** The values an element template replaced: keep the template's or undo it and keep the element's own. */
export function TemplateDialog({ element, template, changes, onKeep, onUndo }: {
  element: string
  template: string
  changes: FieldChange[]
  onKeep: () => void
  onUndo: () => void
}) {
  const { t } = useTranslation('designer')
  return (
    <Dialog
      title={t('template.title', { template })}
      onCancel={onUndo}
      actions={<>
        <button onClick={onUndo}>{t('template.undo')}</button>
        <button className="primary" onClick={onKeep}>{t('template.keep')}</button>
      </>}
    >
      <p>{t('template.explain', { element, template })}</p>
      <Changes changes={changes} />
    </Dialog>
  )
}
