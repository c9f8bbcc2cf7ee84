/**
 * The order of overlapping requests of one view (a poll, a refresh after an action): an answer is shown unless a later
 * request's answer already was, whatever order the answers come in. Not "only the latest started": on a server slower
 * than the poll every answer comes after the next request started, and must still be shown.
 */
export class AnswerOrder {
  private started = 0
  private shown = 0

  /** Numbers a request as it starts. */
  start(): number {
    return ++this.started
  }

  /** Whether the answer to `request` may be shown; once it is, answers to earlier requests may not. */
  show(request: number): boolean {
    if (request < this.shown) return false
    this.shown = request
    return true
  }

  /** Whether no later request's answer was shown yet (for `request`'s error, without taking its place). */
  current(request: number): boolean {
    return request >= this.shown
  }
}
