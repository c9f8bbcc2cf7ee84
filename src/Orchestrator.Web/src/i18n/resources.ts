// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import operationsEn from './locales/en/operations.json'
import commonZh from './locales/zh-CN/common.json'
import operationsZh from './locales/zh-CN/operations.json'

export const resources = {
  en: { common: commonEn, operations: operationsEn },
  'zh-CN': { common: commonZh, operations: operationsZh },
}
