// Every namespace's messages in every language. Each page keeps its own namespace (a file per language under locales/).
import commonEn from './locales/en/common.json'
import commonZh from './locales/zh-CN/common.json'
import designerEn from './locales/en/designer.json'
import designerZh from './locales/zh-CN/designer.json'

export const resources = {
  en: { common: commonEn, designer: designerEn },
  'zh-CN': { common: commonZh, designer: designerZh },
}
