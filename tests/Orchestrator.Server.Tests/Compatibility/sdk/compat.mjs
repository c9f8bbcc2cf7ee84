// Compatibility check: drives the server's /v2 API with the official Camunda 8 JavaScript SDK
// (@camunda8/sdk 8.8.13, REST only). Run: ZEEBE_REST_ADDRESS=http://127.0.0.1:<port> node compat.mjs
// Prints "STEP <name> ok" per step and "ALL OK" at the end; exits 1 on the first problem.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const env = process.env
if (!env.ZEEBE_REST_ADDRESS) {
  console.error('FAIL setup: set ZEEBE_REST_ADDRESS=http://127.0.0.1:<port> (the SDK appends /v2)')
  process.exit(1)
}
// The SDK reads its configuration from the environment when it is first imported, so the
// defaults go in before the dynamic import below. REST only: no OAuth, no token endpoint,
// and the gRPC address (never dialled: no gRPC client is created) points at loopback.
env.CAMUNDA_AUTH_STRATEGY ??= 'NONE'
if (env.CAMUNDA_AUTH_STRATEGY === 'NONE') env.CAMUNDA_OAUTH_DISABLED ??= 'true'
env.ZEEBE_GRPC_ADDRESS ??= 'grpc://127.0.0.1:26500'
env.CAMUNDA_TENANT_ID ??= '<default>'
env.CAMUNDA_LOG_LEVEL ??= 'warn'
env.CAMUNDA_SUPPORT_LOG_ENABLED ??= 'false'

const { Camunda8 } = await import('@camunda8/sdk')

const GLOBAL_TIMEOUT_MS = 60_000
let step = 'setup'
let clockPinned = false
let rest

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const isKey = (v) => typeof v === 'string' && /^\d+$/.test(v)
const show = (v) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))

function check(condition, message) {
  if (!condition) throw new Error(message)
}

function describe(e) {
  if (!(e instanceof Error)) return String(e)
  const parts = [e.message]
  if (e.method || e.url) parts.push(`request: ${e.method ?? ''} ${e.url ?? ''}`)
  if (e.operationId) parts.push(`operation: ${e.operationId}`)
  const status = e.statusCode ?? e.status ?? e.response?.statusCode
  if (status) parts.push(`status: ${status}`)
  if (e.title) parts.push(`title: ${e.title}`)
  if (e.detail) parts.push(`detail: ${typeof e.detail === 'string' ? e.detail : show(e.detail)}`)
  return parts.join('\n  ')
}

async function die(e) {
  console.error(`FAIL ${step}: ${describe(e)}`)
  if (clockPinned && rest) {
    // Best effort: do not leave the server's clock pinned two hours ahead.
    await Promise.race([rest.resetClock().catch(() => {}), sleep(2000)])
  }
  process.exit(1)
}

process.on('unhandledRejection', die)
process.on('uncaughtException', die)
setTimeout(() => die(new Error(`global timeout of ${GLOBAL_TIMEOUT_MS / 1000} s exceeded`)), GLOBAL_TIMEOUT_MS)

// Calls probe until it returns a truthy value (that value is returned); fails after ms.
async function waitFor(what, ms, probe) {
  const deadline = Date.now() + ms
  let last
  for (;;) {
    last = await probe()
    if (last) return last
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`)
    await sleep(250)
  }
}

async function run(name, body) {
  step = name
  await body()
  console.log(`STEP ${name} ok`)
}

const c8 = new Camunda8({
  ZEEBE_REST_ADDRESS: env.ZEEBE_REST_ADDRESS,
  CAMUNDA_AUTH_STRATEGY: env.CAMUNDA_AUTH_STRATEGY,
})
rest = c8.getCamundaRestClient()
const ORDER_ID = 'A-1'
let processInstanceKey

// One-shot activation (POST /v2/jobs/activation), repeated until a job of this instance comes.
async function activateOne(type) {
  return waitFor(`a job of type ${type}`, 10_000, async () => {
    const jobs = await rest.activateJobs({
      type,
      worker: 'compat-sdk',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: 2_000,
    })
    check(Array.isArray(jobs), `activateJobs returned ${show(jobs)}`)
    return jobs.find((j) => j.processInstanceKey === processInstanceKey)
  })
}

async function main() {
  await run('deploy', async () => {
    const read = (name) => ({ name, content: readFileSync(path.join(here, name), 'utf8') })
    const res = await rest.deployResources([read('compat.bpmn'), read('compat.form')])
    check(isKey(res.deploymentKey), `deploymentKey is not a key: ${show(res.deploymentKey)}`)
    const proc = res.processes.find((p) => p.processDefinitionId === 'compat-process')
    check(proc, `no processDefinition compat-process in deployments: ${show(res.deployments)}`)
    check(isKey(proc.processDefinitionKey), `processDefinitionKey is not a key string: ${show(proc)}`)
    check(proc.resourceName === 'compat.bpmn', `resourceName should be compat.bpmn: ${show(proc)}`)
    const form = res.forms.find((f) => f.formId === 'compat-form')
    check(form && isKey(form.formKey), `no form compat-form with a formKey: ${show(res.deployments)}`)
  })

  await run('create-instance', async () => {
    const res = await rest.createProcessInstance({
      processDefinitionId: 'compat-process',
      variables: { orderId: ORDER_ID, amount: 42 },
    })
    check(isKey(res.processInstanceKey), `processInstanceKey is not a digit string: ${show(res)}`)
    check(res.processDefinitionId === 'compat-process', `processDefinitionId: ${show(res)}`)
    processInstanceKey = res.processInstanceKey
  })

  await run('job-worker', async () => {
    let worker
    const handled = new Promise((resolve, reject) => {
      worker = rest.createJobWorker({
        type: 'compat-check',
        worker: 'compat-sdk-worker',
        timeout: 30_000,
        maxJobsToActivate: 5,
        requestTimeout: 2_000,
        pollIntervalMs: 300,
        jobHandler: async (job) => {
          try {
            const ack = await job.complete({ checked: true })
            if (job.processInstanceKey !== processInstanceKey) return ack // left over from another run
            check(job.variables.orderId === ORDER_ID, `job variables: ${show(job.variables)}`)
            check(job.variables.amount === 42, `job variables: ${show(job.variables)}`)
            check(job.type === 'compat-check' && isKey(job.jobKey), `job: ${show(job)}`)
            resolve(job)
            return ack
          } catch (e) {
            reject(e)
            throw e
          }
        },
      })
      worker.on('pollError', reject)
    })
    let timer
    const timeout = new Promise((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the REST job worker handled no compat-check job within 15 s')), 15_000)
    })
    try {
      await Promise.race([handled, timeout])
    } finally {
      clearTimeout(timer)
      await worker.stop(5_000)
    }
  })

  await run('publish-message', async () => {
    const res = await rest.publishMessage({
      name: 'compat-message',
      correlationKey: ORDER_ID,
      variables: { paid: true },
      timeToLive: 30_000,
    })
    check(isKey(res.messageKey), `messageKey is not a digit string: ${show(res)}`)
  })

  await run('user-task', async () => {
    const task = await waitFor('a CREATED user task', 10_000, async () => {
      const res = await rest.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })
      check(Array.isArray(res.items), `search response has no items: ${show(res)}`)
      return res.items[0]
    })
    const userTaskKey = task.userTaskKey
    check(isKey(userTaskKey), `userTaskKey is not a digit string: ${show(task)}`)
    check(task.candidateGroups?.includes('agents'), `candidateGroups should hold agents: ${show(task)}`)
    await rest.assignUserTask({ userTaskKey, assignee: 'demo' })
    // CamundaRestClient has no form method; the SDK's getUserTaskForm is on its 8.8 client.
    const oca = c8.getOrchestrationClusterApiClientLoose()
    const form = await oca.getUserTaskForm({ userTaskKey }, { consistency: { waitUpToMs: 0 } })
    check(form && typeof form.schema === 'string', `form.schema should be a JSON string: ${show(form)}`)
    let schema
    try {
      schema = JSON.parse(form.schema)
    } catch (e) {
      throw new Error(`form.schema does not parse as JSON (${e.message}): ${form.schema}`)
    }
    check(schema.id === 'compat-form', `form schema id should be compat-form: ${form.schema}`)
    check(form.formId === 'compat-form' && isKey(form.formKey), `form: ${show(form)}`)
    await rest.completeUserTask({ userTaskKey, variables: { approved: true } })
  })

  await run('incident', async () => {
    const job = await activateOne('compat-fail')
    check(job.variables.approved === true, `compat-fail job should see approved: ${show(job.variables)}`)
    await rest.failJob({
      jobKey: job.jobKey,
      retries: 0,
      errorMessage: 'compat: deliberate failure',
      retryBackOff: 0,
    })
    const incident = await waitFor('an ACTIVE incident', 10_000, async () => {
      const res = await rest.searchIncidents({ filter: { processInstanceKey } })
      check(Array.isArray(res.items), `search response has no items: ${show(res)}`)
      return res.items.find((i) => i.state === 'ACTIVE')
    })
    check(isKey(incident.incidentKey), `incidentKey is not a digit string: ${show(incident)}`)
    check(incident.errorType === 'JOB_NO_RETRIES', `errorType should be JOB_NO_RETRIES: ${show(incident)}`)
    check(incident.jobKey === job.jobKey, `incident jobKey should be ${job.jobKey}: ${show(incident)}`)
    await rest.updateJob({ jobKey: job.jobKey, retries: 1 })
    await rest.resolveIncident(incident.incidentKey)
    const again = await activateOne('compat-fail')
    check(again.jobKey === job.jobKey, `expected the same job ${job.jobKey} again, got ${again.jobKey}`)
    check(again.retries === 1, `reactivated job should have retries 1: ${again.retries}`)
    await rest.completeJob({ jobKey: again.jobKey, variables: {} })
  })

  await run('timer', async () => {
    // Pin the clock only once the timer exists, so its due date is computed from real time.
    await waitFor('the timer catch event to be ACTIVE', 10_000, async () => {
      const res = await rest.searchElementInstances({
        filter: { processInstanceKey, elementId: 'Event_Wait', state: 'ACTIVE' },
      })
      return res.items?.length > 0
    })
    await rest.pinInternalClock(Date.now() + 2 * 60 * 60 * 1000)
    clockPinned = true
    await waitFor('the instance to be COMPLETED', 15_000, async () => {
      const res = await rest.searchProcessInstances({ filter: { processInstanceKey } })
      return res.items?.[0]?.state === 'COMPLETED'
    })
    await rest.resetClock()
    clockPinned = false
  })
}

main().then(() => {
  console.log('ALL OK')
  process.exit(0)
}, die)
