// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import commonZh from './locales/zh-CN/common.json'
import tasksEn from './locales/en/tasks.json'
import tasksZh from './locales/zh-CN/tasks.json'

export const resources = {
  en: { common: commonEn, tasks: tasksEn },
  'zh-CN': { common: commonZh, tasks: tasksZh },
}
