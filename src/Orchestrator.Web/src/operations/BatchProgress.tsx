import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api'
import { formatDateTime } from '../i18n/dates'
import { link } from '../navigation'
import { batchDone } from './operations'

export interface BatchOperation {
  batchOperationKey: string
  batchOperationType: string
  state: string
  startDate: string
  endDate?: string | null
  operationsTotalCount: number
  operationsCompletedCount: number
  operationsFailedCount: number
}

interface BatchItem {
  processInstanceKey: string
  state: string
  errorMessage?: string | null
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** A batch operation's progress, polled until it is done, then its failures listed; `onDone` is told the batch's key. */
export function BatchProgress({ batchOperationKey, onDone, onClose }: { batchOperationKey: string; onDone: (batchOperationKey: string) => void; onClose: () => void }) {
  const { t } = useTranslation('operations')
  const [batch, setBatch] = useState<BatchOperation>()
  const [failures, setFailures] = useState<BatchItem[]>([])
  const [error, setError] = useState<string>()
  // Told once per batch; a new function from the parent must not restart the polling.
  const done = useRef(onDone)
  done.current = onDone

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    async function poll() {
      try {
        const found = await call<BatchOperation>('GET', `/v2/batch-operations/${batchOperationKey}`)
        if (stopped) return
        setBatch(found)
        if (batchDone(found.state)) {
          const failed = await call<{ items: BatchItem[] }>('POST', '/v2/batch-operation-items/search', {
            filter: { batchOperationKey, state: 'FAILED' }, page: { limit: 100 },
          })
          // A batch the view has moved on from (another one started) is not told as done: it is not the one shown.
          if (stopped) return
          setFailures(failed.items)
          done.current(batchOperationKey)
          return
        }
      } catch (e) {
        if (!stopped) setError(message(e))
      }
      if (!stopped) timer = setTimeout(() => void poll(), 1000)
    }
    void poll()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [batchOperationKey])

  async function stop() {
    try {
      await call('POST', `/v2/batch-operations/${batchOperationKey}/cancellation`, {})
    } catch (e) {
      setError(message(e))
    }
  }

  const finished = batch ? batchDone(batch.state) : false
  const processed = batch ? batch.operationsCompletedCount + batch.operationsFailedCount : 0
  return (
    <section className="batch-progress" aria-label={t('batch.progressTitle')} aria-live="polite">
      <h2>
        {t('batch.progressTitle')}: {batch ? t(`batch.${batch.batchOperationType}`, { defaultValue: batch.batchOperationType }) : t('batch.running')}
        {' '}<small title={batchOperationKey}>{batch ? formatDateTime(batch.startDate) : ''}</small>
      </h2>
      {error && <p role="alert" className="field-error">{error}</p>}
      {batch && (
        <>
          <progress aria-label={t('batch.progressTitle')} max={Math.max(1, batch.operationsTotalCount)} value={batch.operationsTotalCount === 0 && finished ? 1 : processed} />
          <p data-testid="batch-state">
            <strong>{t(`batch.state${batch.state}`, { defaultValue: batch.state })}</strong>
            {' · '}{t('batch.counts', { done: batch.operationsCompletedCount, total: batch.operationsTotalCount, failed: batch.operationsFailedCount })}
          </p>
        </>
      )}
      {failures.length > 0 && (
        <>
          <h3>{t('batch.failures')}</h3>
          <ul className="batch-failures">
            {failures.map((f) => (
              <li key={f.processInstanceKey}>
                <a href={link('operations', f.processInstanceKey)}>{t('batch.failedItem', { key: f.processInstanceKey, error: f.errorMessage ?? '' })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="batch-buttons">
        {!finished && <button onClick={() => void stop()}>{t('batch.stop')}</button>}
        {finished && <button onClick={onClose}>{t('batch.close')}</button>}
      </div>
    </section>
  )
}
