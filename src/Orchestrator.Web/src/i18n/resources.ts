// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import operationsEn from './locales/en/operations.json'
import tasksEn from './locales/en/tasks.json'
import commonZh from './locales/zh-CN/common.json'
import operationsZh from './locales/zh-CN/operations.json'
import tasksZh from './locales/zh-CN/tasks.json'

export const resources = {
  en: { common: commonEn, operations: operationsEn, tasks: tasksEn },
  'zh-CN': { common: commonZh, operations: operationsZh, tasks: tasksZh },
}
