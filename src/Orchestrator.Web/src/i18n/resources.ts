// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import dashboardEn from './locales/en/dashboard.json'
import designerEn from './locales/en/designer.json'
import historyEn from './locales/en/history.json'
import operationsEn from './locales/en/operations.json'
import tasksEn from './locales/en/tasks.json'
import commonZh from './locales/zh-CN/common.json'
import dashboardZh from './locales/zh-CN/dashboard.json'
import designerZh from './locales/zh-CN/designer.json'
import historyZh from './locales/zh-CN/history.json'
import operationsZh from './locales/zh-CN/operations.json'
import tasksZh from './locales/zh-CN/tasks.json'

export const resources = {
  en: { common: commonEn, dashboard: dashboardEn, designer: designerEn, history: historyEn, operations: operationsEn, tasks: tasksEn },
  'zh-CN': { common: commonZh, dashboard: dashboardZh, designer: designerZh, history: historyZh, operations: operationsZh, tasks: tasksZh },
}
