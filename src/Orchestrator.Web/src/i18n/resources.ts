// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import commonZh from './locales/zh-CN/common.json'
import dashboardEn from './locales/en/dashboard.json'
import dashboardZh from './locales/zh-CN/dashboard.json'
import historyEn from './locales/en/history.json'
import historyZh from './locales/zh-CN/history.json'

export const resources = {
  en: { common: commonEn, dashboard: dashboardEn, history: historyEn },
  'zh-CN': { common: commonZh, dashboard: dashboardZh, history: historyZh },
}
