import { describe, expect, it } from 'vitest'
import { changedFields, discardDraft, draftLifetimeMs, pruneDrafts, readDraft, restoreDraft, saveDraft } from './drafts'

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>()
  get length() { return this.items.size }
  clear() { this.items.clear() }
  getItem(key: string) { return this.items.get(key) ?? null }
  key(index: number) { return [...this.items.keys()][index] ?? null }
  removeItem(key: string) { this.items.delete(key) }
  setItem(key: string, value: string) { this.items.set(key, value) }
}

const task = (userTaskKey: string, creationDate = '2026-12-01T09:00:00Z') => ({ userTaskKey, creationDate })

describe('task form drafts', () => {
  it('keeps only the fields the user changed', () => {
    const initial = { orderId: 'O-1', compensation: 0, note: '', items: [{ sku: 'A' }] }
    const current = { orderId: 'O-1', compensation: 42, note: '我们会为您更换', items: [{ sku: 'A' }] }
    expect(changedFields(initial, current)).toEqual({ compensation: 42, note: '我们会为您更换' })
    expect(changedFields(initial, initial)).toEqual({})
  })

  it('saves, reads back and discards a draft per user and task', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', task('7'), { note: 'half typed' }, 1000)
    expect(readDraft(storage, 'alice', task('7'))).toEqual({ note: 'half typed' })
    expect(readDraft(storage, 'bob', task('7'))).toBeUndefined()
    expect(readDraft(storage, 'alice', task('8'))).toBeUndefined()
    discardDraft(storage, 'alice', '7')
    expect(readDraft(storage, 'alice', task('7'))).toBeUndefined()
  })

  it('leaves no draft when the form is back to its opening values', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', task('7'), { note: 'x' }, 1000)
    saveDraft(storage, 'alice', task('7'), {}, 2000)
    expect(storage.length).toBe(0)
  })

  it('prunes old and unreadable drafts, and nothing else', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', task('old'), { note: 'a' }, 0)
    saveDraft(storage, 'alice', task('new'), { note: 'b' }, draftLifetimeMs)
    storage.setItem('orchestrator.draft.alice.broken', '{')
    storage.setItem('something-else', 'kept')
    pruneDrafts(storage, draftLifetimeMs + 1)
    expect(readDraft(storage, 'alice', task('old'))).toBeUndefined()
    expect(readDraft(storage, 'alice', task('new'))).toEqual({ note: 'b' })
    expect(storage.getItem('orchestrator.draft.alice.broken')).toBeNull()
    expect(storage.getItem('something-else')).toBe('kept')
  })

  // The form reports its whole data on any change: right after it opens (switching to editable on a claim) that is the
  // variables plus each field's empty or default value, though nobody typed anything.
  const variables = { orderId: 'O-1', amount: 899 }
  const opened = { ...variables, note: '', compensation: null, approved: false }

  it('Bug_a_form_nobody_typed_into_shows_no_restored_draft', () => {
    const storage = new MemoryStorage()
    // What was kept when the draft counted changes from the variables: the fields the form filled in itself.
    saveDraft(storage, 'alice', task('7'), changedFields(variables, opened), 1000)
    expect(readDraft(storage, 'alice', task('7'))).toEqual({ note: '', compensation: null, approved: false })
    expect(restoreDraft(storage, 'alice', task('7'), opened)).toBeUndefined()
    expect(storage.length).toBe(0)
    // Counted from the opened form, that change is none, and an empty draft (an earlier version's) is none either.
    saveDraft(storage, 'alice', task('7'), changedFields(opened, opened), 2000)
    expect(storage.length).toBe(0)
    storage.setItem('orchestrator.draft.alice.9', JSON.stringify({ savedAt: 1000, values: {} }))
    expect(restoreDraft(storage, 'alice', task('9'), opened)).toBeUndefined()
    expect(storage.length).toBe(0)
  })

  it('restores only what the user changed from the opened form', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', task('7'), changedFields(opened, { ...opened, note: 'half typed', approved: false }), 1000)
    expect(restoreDraft(storage, 'alice', task('7'), opened)).toEqual({ note: 'half typed' })
    // Typed back to what the form opened with: nothing left to restore.
    storage.setItem('orchestrator.draft.alice.7', JSON.stringify({ savedAt: 1000, values: { note: '', amount: 899 } }))
    expect(restoreDraft(storage, 'alice', task('7'), opened)).toBeUndefined()
  })

  it('does not restore the draft of an earlier task with the same key (keys start over with a fresh database)', () => {
    const storage = new MemoryStorage()
    saveDraft(storage, 'alice', task('7', '2026-11-02T08:00:00Z'), { note: 'for another case' }, 1000)
    expect(restoreDraft(storage, 'alice', task('7', '2026-12-01T09:00:00Z'), opened)).toBeUndefined()
    expect(storage.length).toBe(0)
  })
})
