// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import designerEn from './locales/en/designer.json'
import operationsEn from './locales/en/operations.json'
import tasksEn from './locales/en/tasks.json'
import commonZh from './locales/zh-CN/common.json'
import designerZh from './locales/zh-CN/designer.json'
import operationsZh from './locales/zh-CN/operations.json'
import tasksZh from './locales/zh-CN/tasks.json'

export const resources = {
  en: { common: commonEn, designer: designerEn, operations: operationsEn, tasks: tasksEn },
  'zh-CN': { common: commonZh, designer: designerZh, operations: operationsZh, tasks: tasksZh },
}
