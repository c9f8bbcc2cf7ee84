// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import commonZh from './locales/zh-CN/common.json'

export const resources = {
  en: { common: commonEn },
  'zh-CN': { common: commonZh },
}
