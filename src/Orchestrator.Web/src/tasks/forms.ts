// What the form-js viewer reports, read the way the task list needs it.

/** form-js reports every field, valid ones with an empty (or no) list of errors. */
export function hasErrors(errors: Record<string, unknown>): boolean {
  return Object.values(errors).some((e) => (Array.isArray(e) ? e.length > 0 : Boolean(e)))
}
